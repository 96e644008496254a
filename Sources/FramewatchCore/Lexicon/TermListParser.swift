import FramewatchText

/// Reads term lists (`term<TAB>category<TAB>weight[<TAB>lang[<TAB>note]]`) and validates each line.
struct TermListParser {
    let manifest: Manifest
    let segmenter: Segmenter
    private(set) var entries: [LexiconEntry] = []
    private(set) var problems: [PackProblem] = []
    /// Each entry's tokens (nil for suffix patterns), for `CompiledLexicon`, which would
    /// otherwise tokenise every term a second time.
    private(set) var termTokens: [[TermToken]?] = []
    /// (folded term, category, language) → index in `entries`, to find duplicates. Keyed by
    /// bytes: fold keys are already normalised, and hashing a `String` normalises it again
    /// (most of the cost of this table for Cyrillic and Azerbaijani terms).
    private var seen: [[UInt8]: Int] = [:]
    /// Framing entries by term and language, whatever their category (see `add`).
    private var seenFrame: [[UInt8]: Int] = [:]
    /// Category columns already parsed (a list repeats a few dozen of them thousands of times).
    private var categories: [String: Category?] = [:]

    init(manifest: Manifest, segmenter: Segmenter) {
        self.manifest = manifest
        self.segmenter = segmenter
    }

    /// The language a file's entries default to: its name's first two letters (`en.tsv`, `ru-extra.tsv`).
    static func fileLanguage(_ file: String) -> Language? {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return Language(rawValue: String(name.prefix(2))).flatMap { l in
            name.count == 2 || [".", "-", "_"].contains(name.dropFirst(2).first.map(String.init) ?? "") ? l : nil
        }
    }

    mutating func parse(_ text: String, file: String) {
        let defaultLanguage = Self.fileLanguage(file)
        var count = 0
        seen.reserveCapacity(seen.count + text.utf8.count / 24)
        // Lines are cut on the bytes (`\n`, then a trailing `\r`): splitting the `String` by
        // `Character` cost a grapheme-cluster walk over every byte of ~20,000 lines per load.
        let bytes = Array(text.utf8)
        var lineStart = 0
        var lineNumber = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if Self.hasContent(bytes[lineStart..<contentEnd]),
                parseLine(
                    bytes[lineStart..<contentEnd], lineNumber: lineNumber, file: file, defaultLanguage: defaultLanguage)
            {
                count += 1
            }
            lineStart = lineEnd + 1
        }
        if count == 0 && !problems.contains(where: { $0.file == file && $0.severity == .error }) {
            problems.append(PackProblem(.error, file: file, line: 0, "has no entries"))
        }
    }

    /// False for blank lines and comments (`#` after optional whitespace).
    static func hasContent(_ line: ArraySlice<UInt8>) -> Bool {
        for b in line {
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C, 0x0D: continue
            case 0x23: return false
            case 0x80...:
                // Unicode whitespace (a no-break space …) may come first: decide on the text.
                let trimmed = String(decoding: line, as: UTF8.self).trimmingWhitespace()
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            default: return true
            }
        }
        return false
    }

    /// Reads one line that is neither blank nor a comment; true when it added an entry.
    private mutating func parseLine(
        _ line: ArraySlice<UInt8>, lineNumber: Int, file: String, defaultLanguage: Language?
    ) -> Bool {
        func problem(_ message: String, _ severity: PackProblem.Severity = .error) {
            problems.append(PackProblem(severity, file: file, line: lineNumber, message))
        }
        var columns: [String] = []
        columns.reserveCapacity(5)
        var columnStart = line.startIndex
        for i in line.indices where line[i] == 0x09 {
            columns.append(String(decoding: line[columnStart..<i], as: UTF8.self).trimmingWhitespace())
            columnStart = i + 1
        }
        columns.append(String(decoding: line[columnStart...], as: UTF8.self).trimmingWhitespace())
        guard columns.count >= 3 && columns.count <= 5 else {
            problem(
                "expected 3 to 5 TAB-separated columns (term, category, weight, lang, note), found \(columns.count)"
            )
            return false
        }
        let term = columns[0]
        guard !term.isEmpty else {
            problem("empty term")
            return false
        }
        let parsedCategory: Category?
        if let known = categories[columns[1]] {
            parsedCategory = known
        } else {
            parsedCategory = Category(columns[1])
            categories[columns[1]] = parsedCategory
        }
        guard let category = parsedCategory else {
            problem("unknown category `\(columns[1])`")
            return false
        }
        if case .frame(let pole, let sub) = category, !(manifest.subframes[pole] ?? []).contains(sub) {
            problem("unknown sub-frame `\(sub)` for \(pole.rawValue) (the manifest's [frame] lists the allowed ones)")
            return false
        }
        guard let weight = Double(columns[2]), weight.isFinite else {
            problem("weight `\(columns[2])` is not a number")
            return false
        }
        if let reason = Self.weightProblem(weight, category) {
            problem(reason)
            return false
        }
        var language = defaultLanguage
        if columns.count >= 4 && !columns[3].isEmpty {
            guard let l = Language(rawValue: columns[3]) else {
                problem("unknown language `\(columns[3])`")
                return false
            }
            language = l
        }
        guard let language else {
            problem("no language: name the file after one (en.tsv) or fill the lang column")
            return false
        }
        if !manifest.languages.contains(language) {
            problem("language `\(language.rawValue)` is not among the manifest's languages", .warning)
        }
        let note = columns.count == 5 && !columns[4].isEmpty ? columns[4] : nil
        let folded: String
        var tokens: [TermToken]? = nil
        if term.utf8.first == 0x2A {  // `*suffix`
            guard case .rule(let word) = category, !word.isClosedWordList else {
                problem("a leading `*` (suffix pattern) is allowed only in rule lists that are matched")
                return false
            }
            let suffix = String(term.dropFirst())
            guard suffix.unicodeScalars.count >= 2, !suffix.utf8.contains(0x2A), !suffix.utf8.contains(0x20) else {
                problem("a suffix pattern needs at least 2 letters after `*` and no spaces")
                return false
            }
            folded = MatchKeys.fold(term)
        } else {
            switch TermTokens.tokenize(term, segmenter: segmenter) {
            case .failure(let reason):
                problem("`\(term)` \(reason.reason)")
                return false
            case .success(let termTokens):
                if case .rule(let word) = category, word.isClosedWordList,
                    termTokens.count != 1 || term.utf8.last == 0x2A
                {
                    problem("a `rule.\(word.rawValue)` entry is one word, without wildcards")
                    return false
                }
                tokens = termTokens
                folded =
                    termTokens.map { $0.isGap ? "~" : String(decoding: $0.key, as: UTF8.self) }.joined(separator: " ")
                    + (term.utf8.last == 0x2A ? "*" : "")
            }
        }
        let key = Array("\(folded)\u{1}\(columns[1])\u{1}\(language.rawValue)".utf8)
        if let previous = seen[key] {
            let other = entries[previous]
            if other.weight == weight {
                problem("duplicate of line \(other.line) (\(other.file))", .warning)
            } else {
                problem(
                    "`\(term)` is also at \(other.file):\(other.line) with weight \(other.weight); weights conflict")
            }
            return false
        }
        // The same term with another framing category counts for both ("spy" as espionage and
        // as culpability, or on both poles): almost always a mistake, so say where the other is.
        if case .frame = category {
            let termKey = Array("\(folded)\u{1}\(language.rawValue)".utf8)
            if let previous = seenFrame[termKey] {
                let other = entries[previous]
                problem(
                    "`\(term)` is also at \(other.file):\(other.line) as \(other.category); both will count", .warning)
            } else {
                seenFrame[termKey] = entries.count
            }
        }
        seen[key] = entries.count
        entries.append(
            LexiconEntry(
                term: term, category: category, weight: weight, language: language, note: note, file: file,
                line: lineNumber))
        termTokens.append(tokens)
        return true
    }

    static func weightProblem(_ weight: Double, _ category: Category) -> String? {
        switch category {
        case .frame:
            return weight > 0 && weight <= 5 ? nil : "a framing cue's weight must be in (0, 5], found \(weight)"
        case .sentiment:
            return weight != 0 && abs(weight) <= 4
                ? nil : "a sentiment weight must be in −4…+4 and not 0, found \(weight)"
        case .rule(let word):
            switch word {
            case .dampener, .hedge:
                return weight > 0 && weight <= 1
                    ? nil : "a \(word.rawValue)'s weight is a fraction in (0, 1], found \(weight)"
            case .booster:
                return weight > 0 && weight <= 3 ? nil : "a booster's weight must be in (0, 3], found \(weight)"
            case .givenName:
                return [1, 2, 3].contains(weight)
                    ? nil : "a given name's weight is 1 (masculine), 2 (feminine) or 3 (either), found \(weight)"
            case .negator, .contrast, .reporting, .passiveReporting, .denial, .title, .russianNationals,
                .azerbaijaniNationals, .pronoun,
                .placePreposition, .objectPreposition,
                .impersonal, .coordinator, .passiveAuxiliary, .complementizer, .envoy, .inert, .background, .orgAnaphor,
                .article, .comitative, .backreference, .charge, .demand, .notSurname:
                return weight > 0 && weight <= 5 ? nil : "a rule weight must be in (0, 5], found \(weight)"
            }
        }
    }
}
