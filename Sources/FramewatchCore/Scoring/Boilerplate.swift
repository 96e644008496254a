import FramewatchText

/// Lines of site furniture in scraped text: "Read also: <another story's headline>", "Теги:
/// Россия, Азербайджан", "Paylaş: Facebook Telegram", "Advertisement", "© 2025 …". Counted as
/// sentences they diluted an article's score (a snub story with nine such lines of sixteen fell
/// under the document threshold), lent it another story's stance ("Читайте также: Песков: у
/// России нет претензий к Азербайджану" decided one label) and named share buttons as entities
/// (QA pass 10). A sentence on such a line is not matched, scored or weighed.
enum Boilerplate {
    /// Longest line looked at: furniture is short; a longer line is article text.
    static let maximumLineBytes = 400

    /// Per sentence of `text`: whether it lies on a line that the manifest's `[boilerplate]` lists
    /// mark as furniture. One pass over the bytes for the line breaks; each line's text is built
    /// once, and only for short lines that start a sentence.
    static func flags(_ text: SegmentedText, prefixes: [String], wholeLines: [String]) -> [Bool] {
        var flags = [Bool](repeating: false, count: text.sentences.count)
        guard !prefixes.isEmpty || !wholeLines.isEmpty, !text.sentences.isEmpty else { return flags }
        var lineStart = 0
        var cursor = 0
        var lastLine = -1
        var lastVerdict = false
        let bytes = text.bytes
        for (i, sentence) in text.sentences.enumerated() {
            let start = Int(sentence.byteStart)
            // The line the sentence starts on: the last line break before it.
            while cursor < start {
                if bytes[cursor] == 0x0A { lineStart = cursor + 1 }
                cursor += 1
            }
            if lineStart != lastLine {
                lastLine = lineStart
                var end = lineStart
                while end < bytes.count && bytes[end] != 0x0A && end - lineStart <= maximumLineBytes { end += 1 }
                lastVerdict =
                    end - lineStart <= maximumLineBytes
                    && isFurniture(bytes[lineStart..<end], prefixes: prefixes, wholeLines: wholeLines)
            }
            flags[i] = lastVerdict
        }
        return flags
    }

    /// Whether one line, trimmed and lower-cased, starts with a listed prefix or, without its
    /// closing punctuation, is a listed whole line.
    static func isFurniture(_ line: ArraySlice<UInt8>, prefixes: [String], wholeLines: [String]) -> Bool {
        let text = String(decoding: line, as: UTF8.self).trimmingWhitespace().lowercased()
        guard !text.isEmpty else { return false }
        if prefixes.contains(where: { text.hasPrefix($0) }) { return true }
        var bare = Substring(text)
        while let last = bare.last, ".:;!|".contains(last) { bare = bare.dropLast() }
        return wholeLines.contains { bare == $0 }
    }
}
