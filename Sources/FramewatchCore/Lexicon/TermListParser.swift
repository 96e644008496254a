import FramewatchText

/// Reads term lists (`term<TAB>category<TAB>weight[<TAB>lang[<TAB>note]]`) and validates each line.
struct TermListParser {
    let manifest: Manifest
    let segmenter: Segmenter
    private(set) var entries: [LexiconEntry] = []
    private(set) var problems: [PackProblem] = []
    /// (folded term, category, language) → index in `entries`, to find duplicates.
    private var seen: [String: Int] = [:]

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
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func problem(_ message: String, _ severity: PackProblem.Severity = .error) {
                problems.append(PackProblem(severity, file: file, line: lineNumber, message))
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            guard columns.count >= 3 && columns.count <= 5 else {
                problem(
                    "expected 3 to 5 TAB-separated columns (term, category, weight, lang, note), found \(columns.count)"
                )
                continue
            }
            let term = columns[0]
            guard !term.isEmpty else {
                problem("empty term")
                continue
            }
            guard let category = Category(columns[1]) else {
                problem("unknown category `\(columns[1])`")
                continue
            }
            if case .frame(let pole, let sub) = category, !(manifest.subframes[pole] ?? []).contains(sub) {
                problem(
                    "unknown sub-frame `\(sub)` for \(pole.rawValue) (the manifest's [frame] lists the allowed ones)")
                continue
            }
            guard let weight = Double(columns[2]), weight.isFinite else {
                problem("weight `\(columns[2])` is not a number")
                continue
            }
            if let reason = Self.weightProblem(weight, category) {
                problem(reason)
                continue
            }
            var language = defaultLanguage
            if columns.count >= 4 && !columns[3].isEmpty {
                guard let l = Language(rawValue: columns[3]) else {
                    problem("unknown language `\(columns[3])`")
                    continue
                }
                language = l
            }
            guard let language else {
                problem("no language: name the file after one (en.tsv) or fill the lang column")
                continue
            }
            if !manifest.languages.contains(language) {
                problem("language `\(language.rawValue)` is not among the manifest's languages", .warning)
            }
            let note = columns.count == 5 && !columns[4].isEmpty ? columns[4] : nil
            var folded = MatchKeys.fold(term)
            if term.hasPrefix("*") {
                guard case .rule = category else {
                    problem("a leading `*` (suffix pattern) is allowed only in rule lists")
                    continue
                }
                let suffix = String(term.dropFirst())
                guard suffix.unicodeScalars.count >= 2, !suffix.contains("*"), !suffix.contains(" ") else {
                    problem("a suffix pattern needs at least 2 letters after `*` and no spaces")
                    continue
                }
            } else {
                switch TermTokens.tokenize(term, segmenter: segmenter) {
                case .failure(let reason):
                    problem("`\(term)` \(reason.reason)")
                    continue
                case .success(let tokens):
                    folded =
                        tokens.map { String(decoding: $0.key, as: UTF8.self) }.joined(separator: " ")
                        + (term.hasSuffix("*") ? "*" : "")
                }
            }
            let key = "\(folded)\u{1}\(category)\u{1}\(language.rawValue)"
            if let previous = seen[key] {
                let other = entries[previous]
                if other.weight == weight {
                    problem("duplicate of line \(other.line) (\(other.file))", .warning)
                } else {
                    problem(
                        "`\(term)` is also at \(other.file):\(other.line) with weight \(other.weight); weights conflict"
                    )
                }
                continue
            }
            seen[key] = entries.count
            entries.append(
                LexiconEntry(
                    term: term, category: category, weight: weight, language: language, note: note, file: file,
                    line: lineNumber))
            count += 1
        }
        if count == 0 && !problems.contains(where: { $0.file == file && $0.severity == .error }) {
            problems.append(PackProblem(.error, file: file, line: 0, "has no entries"))
        }
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
            case .negator, .contrast, .reporting, .denial:
                return weight > 0 && weight <= 5 ? nil : "a rule weight must be in (0, 5], found \(weight)"
            }
        }
    }
}
