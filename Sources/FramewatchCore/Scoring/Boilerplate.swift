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
    /// lists (``CompiledLexicon/boilerplate``). One pass over the bytes for the line breaks; each line's text is built once, and
    /// only for short lines that start a sentence.
    static func lines(_ text: SegmentedText, lists: Lists) -> [Line] {
        var flags = [Line](repeating: .text, count: text.sentences.count)
        guard !lists.prefixes.isEmpty || !lists.silent.isEmpty || !lists.wholeLines.isEmpty, !text.sentences.isEmpty
        else {
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
                    ? kind(bytes[lineStart..<end], lists: lists) : .text
            }
            flags[i] = lastVerdict
        }
        return flags
    }

    /// The manifest's lists, with the lengths that bound how much of a line is looked at.
    struct Lists {
        let prefixes: [String]
        let silent: [String]
        let wholeLines: [String]
        /// Scalars of the longest prefix (either list), plus a margin for combining marks.
        let headScalars: Int
        /// Scalars of the longest whole line.
        let wholeScalars: Int
        /// The ASCII prefixes and whole lines as bytes, and the longest of those prefixes, for
        /// lines whose first bytes are ASCII (``asciiKind(_:lists:)``).
        let asciiPrefixes: [[UInt8]]
        let asciiSilent: [[UInt8]]
        let asciiWholeLines: [[UInt8]]
        let asciiHeadBytes: Int

        init(prefixes: [String], silent: [String], wholeLines: [String]) {
            self.prefixes = prefixes
            self.silent = silent
            self.wholeLines = wholeLines
            headScalars = (prefixes + silent).map(\.unicodeScalars.count).max().map { $0 + 4 } ?? 0
            wholeScalars = wholeLines.map(\.unicodeScalars.count).max() ?? 0
            func ascii(_ list: [String]) -> [[UInt8]] {
                list.map { Array($0.lowercased().utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
            }
            asciiPrefixes = ascii(prefixes)
            asciiSilent = ascii(silent)
            asciiWholeLines = ascii(wholeLines)
            asciiHeadBytes = (asciiPrefixes + asciiSilent).map(\.count).max() ?? 0
        }
    }

    /// What one line is, trimmed and lower-cased: it starts with a listed prefix or, without its
    /// closing punctuation, is a listed whole line. Only the line's first scalars are lower-cased
    /// (as many as the longest prefix has, and a few more), and the whole line only when it is no
    /// longer than the longest whole line: lower-casing never shortens text, so a longer line
    /// cannot be one. (Lower-casing every short paragraph whole was a tenth of the analysis.)
    static func kind(_ line: ArraySlice<UInt8>, lists: Lists) -> Line {
        var lo = line.startIndex
        var hi = line.endIndex
        while lo < hi && (line[lo] == 0x20 || line[lo] == 0x09 || line[lo] == 0x0D) { lo += 1 }
        while hi > lo && (line[hi - 1] == 0x20 || line[hi - 1] == 0x09 || line[hi - 1] == 0x0D) { hi -= 1 }
        guard lo < hi else { return .text }
        if let verdict = asciiKind(line[lo..<hi], lists: lists) { return verdict }
        // A line longer than every whole line (a scalar is at most four bytes) can only be
        // furniture by how it starts: only its first bytes are decoded.
        let whole = hi - lo <= 4 * lists.wholeScalars + 16
        let end = whole ? hi : min(hi, lo + 4 * lists.headScalars + 16)
        let decoded = String(decoding: line[lo..<end], as: UTF8.self)
        var text = Substring(decoded)
        while let f = text.first, f.isWhitespace { text = text.dropFirst() }
        guard !text.isEmpty else { return .text }
        if lists.headScalars > 0 {
            let head = String(text.unicodeScalars.prefix(lists.headScalars)).lowercased()
            if lists.silent.contains(where: { head.hasPrefix($0) }) { return .silent }
            if lists.prefixes.contains(where: { head.hasPrefix($0) }) { return .furniture }
        }
        guard whole else { return .text }
        while let l = text.last, l.isWhitespace { text = text.dropLast() }
        while let last = text.last, ".:;!|".contains(last) { text = text.dropLast() }
        guard text.unicodeScalars.count <= lists.wholeScalars else { return .text }
        let lowered = text.lowercased()
        return lists.wholeLines.contains { lowered == $0 } ? .silent : .text
    }

    /// The marks a whole line may end with (`.:;!|`), ignored when it is compared.
    static let closingMarks: [UInt8] = Array(".:;!|".utf8)

    /// ``kind(_:lists:)`` for a trimmed line whose bytes it compares are ASCII, compared as bytes:
    /// the same verdict without decoding or lower-casing a string (decoding and lower-casing
    /// every short paragraph was 5 % of the analysis of English text). Nil when a byte it would
    /// compare is not ASCII, or the line opens with white space the trim left: the general path
    /// decides (canonically equivalent spellings, Unicode lower-casing).
    static func asciiKind(_ line: ArraySlice<UInt8>, lists: Lists) -> Line? {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        let lo = line.startIndex
        guard !isSpace(line[lo]) else { return nil }
        // The prefix bytes and the one after them (which could join the prefix's last character).
        let headEnd = min(line.endIndex, lo + lists.asciiHeadBytes + 1)
        for i in lo..<headEnd where line[i] >= 0x80 { return nil }
        func starts(with prefix: [UInt8]) -> Bool {
            guard line.count >= prefix.count else { return false }
            for (k, b) in prefix.enumerated() where lower(line[lo + k]) != b { return false }
            return true
        }
        if lists.asciiSilent.contains(where: starts) { return .silent }
        if lists.asciiPrefixes.contains(where: starts) { return .furniture }
        // Non-ASCII prefixes cannot start an ASCII head; a whole line is compared when it is
        // ASCII throughout and no longer than the longest whole line.
        guard line.count <= 4 * lists.wholeScalars + 16 else { return .text }
        guard line.allSatisfy({ $0 < 0x80 }) else { return nil }
        var hi = line.endIndex
        while hi > lo && isSpace(line[hi - 1]) { hi -= 1 }
        while hi > lo, closingMarks.contains(line[hi - 1]) { hi -= 1 }
        guard hi - lo <= lists.wholeScalars else { return .text }
        let body = line[lo..<hi]
        return lists.asciiWholeLines.contains { w in
            w.count == body.count && zip(w, body).allSatisfy { $0 == lower($1) }
        }
            ? .silent : .text
    }
}
