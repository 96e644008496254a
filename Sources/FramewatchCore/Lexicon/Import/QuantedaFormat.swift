/// Reads a quanteda dictionary in YAML: nested keys (`economy: positive: [...]`) whose leaves
/// are lists of terms with glob wildcards. Nested keys join with `.` (`economy.positive`), and the
/// last key is what the category mapping looks at (`positive`).
///
/// Only the YAML a quanteda dictionary uses is read: block mappings, block lists (`- term`) and
/// flow lists (`[a, b]`), plain or quoted scalars, `#` comments.
public enum QuantedaFormat {
    public static func read(_ text: String, source: String, mapping: CategoryMapping) throws -> ImportedLexicon {
        var result = ImportedLexicon(format: "quanteda", source: source)
        var path: [(indent: Int, key: String)] = []
        var seen = Set<String>()
        var unmapped: [String: Int] = [:]
        func add(_ raw: String, line: Int) throws {
            let term = unquote(raw).lowercased()
            guard !term.isEmpty else { return }
            guard let leaf = path.last?.key else {
                throw ImportError(file: source, line: line, message: "a list item outside any key")
            }
            let full = path.map(\.key).joined(separator: ".")
            guard let target = mapping.map(full) ?? mapping.map(leaf) else {
                unmapped[full, default: 0] += 1
                return
            }
            if term.contains("?") || term.hasPrefix("*") || term.dropLast().contains("*") {
                result.skipped.append("line \(line): `\(term)`: only a trailing `*` glob is supported")
                return
            }
            guard seen.insert("\(term)\u{1}\(target.category)").inserted else { return }
            result.entries.append(
                .init(term: term, category: target.category, weight: target.weight, note: "quanteda \(full)"))
        }
        for (n, raw) in ImportLines.split(text).enumerated() {
            var line = raw
            if let hash = commentStart(line) { line = String(line[..<hash]) }
            if line.trimmingWhitespace().isEmpty || line.trimmingWhitespace() == "---" { continue }
            if line.contains("\t") {
                throw ImportError(file: source, line: n + 1, message: "YAML does not allow TAB for indentation")
            }
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmingWhitespace()
            if content.hasPrefix("- ") || content == "-" {
                try add(String(content.dropFirst()).trimmingWhitespace(), line: n + 1)
                continue
            }
            guard let colon = keyColon(content) else {
                throw ImportError(file: source, line: n + 1, message: "expected `key:` or `- term`")
            }
            let key = unquote(String(content[..<colon]).trimmingWhitespace())
            let value = String(content[content.index(after: colon)...]).trimmingWhitespace()
            while let last = path.last, last.indent >= indent { path.removeLast() }
            path.append((indent, key))
            if value.hasPrefix("[") {
                guard value.hasSuffix("]") else {
                    throw ImportError(file: source, line: n + 1, message: "a flow list must close on the same line")
                }
                for item in value.dropFirst().dropLast().split(separator: ",") {
                    try add(String(item).trimmingWhitespace(), line: n + 1)
                }
            } else if !value.isEmpty {
                try add(value, line: n + 1)
            }
        }
        for (name, count) in unmapped.sorted(by: { $0.key < $1.key }) {
            result.skipped.append("key `\(name)` (\(count) terms) has no mapping: use --map \(name)=CATEGORY[:WEIGHT]")
        }
        if result.entries.isEmpty {
            throw ImportError(file: source, line: 0, message: "no term could be mapped to a Framewatch category")
        }
        return result
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, (s.hasPrefix("\"") && s.hasSuffix("\"")) || (s.hasPrefix("'") && s.hasSuffix("'")) {
            return String(s.dropFirst().dropLast())
        }
        return s
    }

    /// The `:` that ends a key (outside quotes, followed by a space or the end).
    static func keyColon(_ s: String) -> String.Index? {
        var quote: Character? = nil
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ":" {
                let next = s.index(after: i)
                if next == s.endIndex || s[next] == " " { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    static func commentStart(_ s: String) -> String.Index? {
        var quote: Character? = nil
        var previous: Character = " "
        for i in s.indices {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && previous == " " {
                return i
            }
            previous = c
        }
        return nil
    }
}
