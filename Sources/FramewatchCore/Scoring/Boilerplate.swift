import FramewatchText

/// Lines of site furniture in scraped text: "Read also: <another story's headline>", "Теги:
/// Россия, Азербайджан", "Paylaş: Facebook Telegram", "Advertisement", "© 2025 …". Counted as
/// sentences they diluted an article's score (a snub story with nine such lines of sixteen fell
/// under the document threshold), lent it another story's stance ("Читайте также: Песков: у
/// России нет претензий к Азербайджану" decided one label) and named share buttons as entities
/// (QA pass 10). A sentence on such a line is not scored or weighed; the names in it are still
/// found (a caption or another story's headline names real people), except on the silent lines
/// (share buttons, advertising, the copyright), which are not read at all.
enum Boilerplate {
    /// What a line of the text is.
    enum Line: UInt8 {
        case text
        /// Furniture whose names are still reported.
        case furniture
        /// Furniture that is not read at all.
        case silent
    }

    /// Longest line looked at: furniture is short; a longer line is article text.
    static let maximumLineBytes = 400

    /// Per sentence of `text`: what the line it starts on is, by the manifest's `[boilerplate]`
    /// lists. One pass over the bytes for the line breaks; each line's text is built once, and
    /// only for short lines that start a sentence.
    static func lines(_ text: SegmentedText, manifest: Manifest) -> [Line] {
        let prefixes = manifest.boilerplateLinePrefixes
        let silent = manifest.boilerplateSilentPrefixes
        let wholeLines = manifest.boilerplateWholeLines
        var flags = [Line](repeating: .text, count: text.sentences.count)
        guard !prefixes.isEmpty || !silent.isEmpty || !wholeLines.isEmpty, !text.sentences.isEmpty else {
            return flags
        }
        var lineStart = 0
        var cursor = 0
        var lastLine = -1
        var lastVerdict = Line.text
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
                    ? kind(bytes[lineStart..<end], prefixes: prefixes, silent: silent, wholeLines: wholeLines) : .text
            }
            flags[i] = lastVerdict
        }
        return flags
    }

    /// What one line is, trimmed and lower-cased: it starts with a listed prefix or, without its
    /// closing punctuation, is a listed whole line.
    static func kind(_ line: ArraySlice<UInt8>, prefixes: [String], silent: [String], wholeLines: [String]) -> Line {
        let text = String(decoding: line, as: UTF8.self).trimmingWhitespace().lowercased()
        guard !text.isEmpty else { return .text }
        if silent.contains(where: { text.hasPrefix($0) }) { return .silent }
        if prefixes.contains(where: { text.hasPrefix($0) }) { return .furniture }
        var bare = Substring(text)
        while let last = bare.last, ".:;!|".contains(last) { bare = bare.dropLast() }
        return wholeLines.contains { bare == $0 } ? .silent : .text
    }
}
