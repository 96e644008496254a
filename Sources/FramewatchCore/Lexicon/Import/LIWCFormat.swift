/// Reads a LIWC dictionary (`.dic`): a `%`-delimited header of `id<TAB>name` categories, then
/// `term<TAB>id<TAB>id…` lines. `*` wildcards and the multiword entries of LIWC 2015 and later
/// are supported; the conditional entries of LIWC 2007 (`like<TAB>02 134/125[02]…`) are refused
/// with their line, because their meaning depends on the neighbouring word.
public enum LIWCFormat {
    public static func read(_ text: String, source: String, mapping: CategoryMapping) throws -> ImportedLexicon {
        var result = ImportedLexicon(format: "liwc", source: source)
        let lines = ImportLines.split(text)
        var index = 0
        while index < lines.count && lines[index].trimmingWhitespace().isEmpty { index += 1 }
        guard index < lines.count, lines[index].trimmingWhitespace() == "%" else {
            throw ImportError(file: source, line: index + 1, message: "a LIWC dictionary starts with a `%` line")
        }
        index += 1
        var categories: [String: String] = [:]
        while index < lines.count && lines[index].trimmingWhitespace() != "%" {
            let line = lines[index].trimmingWhitespace()
            index += 1
            if line.isEmpty { continue }
            let parts = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard parts.count >= 2 else {
                throw ImportError(file: source, line: index, message: "expected `id<TAB>category` in the header")
            }
            categories[parts[0]] = parts[1]
        }
        guard index < lines.count else {
            throw ImportError(
                file: source, line: index, message: "the category header is not closed by a second `%` line")
        }
        index += 1
        var unmapped: [String: Int] = [:]
        var seen = Set<String>()
        while index < lines.count {
            let lineNumber = index + 1
            let line = lines[index]
            index += 1
            if line.trimmingWhitespace().isEmpty { continue }
            if line.contains("/") || line.contains("[") || line.contains("(") || line.contains("<") {
                throw ImportError(
                    file: source, line: lineNumber,
                    message: "LIWC 2007 conditional entry `\(line.trimmingWhitespace())` is not supported: "
                        + "rewrite it as plain entries (or as multiword entries, LIWC 2015 style) and import again")
            }
            // The term is everything before the first TAB (multiword entries contain spaces);
            // dictionaries that separate with spaces only have single-word terms.
            var term: String
            var ids: [String]
            if let tab = line.firstIndex(of: "\t") {
                term = String(line[..<tab]).trimmingWhitespace()
                ids = line[line.index(after: tab)...].split(whereSeparator: { $0 == "\t" || $0 == " " }).map(
                    String.init)
            } else {
                let parts = line.split(separator: " ").map(String.init)
                term = parts[0]
                ids = Array(parts.dropFirst())
            }
            term = term.lowercased()
            // A damaged line is skipped and listed; the rest of the dictionary still imports.
            guard !ids.isEmpty else {
                result.skipped.append("line \(lineNumber): `\(term)` has no category ids")
                continue
            }
            for id in ids {
                guard let name = categories[id] else {
                    result.skipped.append("line \(lineNumber): `\(term)`: category id `\(id)` is not in the header")
                    continue
                }
                guard let target = mapping.map(name) else {
                    unmapped[name, default: 0] += 1
                    continue
                }
                let key = "\(term)\u{1}\(target.category)"
                guard seen.insert(key).inserted else { continue }
                if term.hasPrefix("*") || term.dropLast().contains("*") {
                    result.skipped.append("line \(lineNumber): `\(term)`: only a trailing `*` is supported")
                    continue
                }
                result.entries.append(
                    .init(term: term, category: target.category, weight: target.weight, note: "liwc \(name)"))
            }
        }
        for (name, count) in unmapped.sorted(by: { $0.key < $1.key }) {
            result.skipped.append(
                "category `\(name)` (\(count) entries) has no mapping: use --map \(name)=CATEGORY[:WEIGHT]")
        }
        if result.entries.isEmpty {
            throw ImportError(file: source, line: 0, message: "no entry could be mapped to a Framewatch category")
        }
        return result
    }
}
