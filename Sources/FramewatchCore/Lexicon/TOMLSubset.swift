/// A parser for the small subset of TOML that pack manifests and gazetteers use: `#` comments,
/// `[section]` and `[dotted.section]` headers, and `key = value` where a value is a string
/// (`"…"` with `\"`, `\\`, `\n`, `\t`, `\uXXXX` escapes), a number, `true`/`false`, or an array
/// of those (`[…]`, which may span lines).
///
/// Every problem is collected with its line instead of stopping at the first.
struct TOMLSubset {
    /// A parsed value.
    enum Value: Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([Value])

        var typeName: String {
            switch self {
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "true or false"
            case .array: return "an array"
            }
        }
    }

    /// A `key = value` line.
    struct Entry {
        var key: String
        var value: Value
        var line: Int
    }

    /// A `[name]` block (the unnamed top of the file has the name "").
    struct Section {
        var name: String
        var line: Int
        var entries: [Entry]

        func value(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    private(set) var sections: [Section] = [Section(name: "", line: 0, entries: [])]
    private var sectionNames: Set<String> = [""]
    private(set) var problems: [(line: Int, message: String)] = []

    init(_ text: String) {
        // Lines are cut on the bytes: a `Character` split walks grapheme clusters (and would not
        // see the `\n` of a `\r\n` pair, one cluster); a trailing `\r` is trimmed as whitespace.
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = Self.stripComment(lines[index]).trimmingWhitespace()
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("[") && !line.contains("=") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    problems.append((lineNumber, "a section header must look like [name]"))
                    continue
                }
                let name = String(line.dropFirst().dropLast()).trimmingWhitespace()
                if !sectionNames.insert(name).inserted {
                    problems.append((lineNumber, "section [\(name)] appears twice"))
                }
                sections.append(Section(name: name, line: lineNumber, entries: []))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append((lineNumber, "expected `key = value`"))
                continue
            }
            let key = String(line[..<equals]).trimmingWhitespace().trimmingCharacters(of: "\"")
            var rest = String(line[line.index(after: equals)...]).trimmingWhitespace()
            // Arrays may continue over several lines until the brackets balance.
            while rest.hasPrefix("[") && !Self.bracketsBalance(rest) && index < lines.count {
                rest += " " + Self.stripComment(lines[index]).trimmingWhitespace()
                lines[index] = ""
                index += 1
            }
            line = rest
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                problems.append((lineNumber, "invalid key `\(key)`"))
                continue
            }
            var parser = ValueParser(Array(line.unicodeScalars))
            do {
                let value = try parser.parseValue()
                parser.skipSpaces()
                guard parser.atEnd else { throw ValueParser.Failure("unexpected text after the value") }
                if sections[sections.count - 1].entries.contains(where: { $0.key == key }) {
                    problems.append((lineNumber, "key `\(key)` appears twice in this section"))
                }
                sections[sections.count - 1].entries.append(Entry(key: key, value: value, line: lineNumber))
            } catch let failure as ValueParser.Failure {
                problems.append((lineNumber, "`\(key)`: \(failure.message)"))
            } catch {
                problems.append((lineNumber, "`\(key)`: \(error)"))
            }
        }
    }

    /// The section named `name`, if present.
    func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Calls `body` with each character outside `"…"` strings (escapes honoured), in order,
    /// until it returns false.
    private static func forEachUnquoted(_ text: String, _ body: (String.Index, Character) -> Bool) {
        var inString = false
        var escaped = false
        for i in text.indices {
            let c = text[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
            } else if c == "\"" {
                inString = true
            } else if !body(i, c) {
                return
            }
        }
    }

    /// Removes a `#` comment that is not inside a string.
    static func stripComment(_ line: String) -> String {
        // On the bytes (`#`, `"` and `\\` are ASCII and never inside a multi-byte character).
        guard line.utf8.contains(0x23) else { return line }
        var inString = false
        var escaped = false
        for (i, b) in line.utf8.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x23 {
                return String(decoding: line.utf8.prefix(i), as: UTF8.self)
            }
        }
        return line
    }

    private static func bracketsBalance(_ text: String) -> Bool {
        var depth = 0
        forEachUnquoted(text) { _, c in
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            return true
        }
        return depth <= 0
    }

    /// Parses one value from a line.
    private struct ValueParser {
        struct Failure: Error {
            var message: String
            init(_ message: String) { self.message = message }
        }

        let scalars: [Unicode.Scalar]
        var i = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { i >= scalars.count }

        mutating func skipSpaces() {
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        }

        mutating func parseValue() throws -> Value {
            skipSpaces()
            guard i < scalars.count else { throw Failure("missing value") }
            switch scalars[i] {
            case "\"": return .string(try parseString())
            case "[": return .array(try parseArray())
            case "t", "f": return .bool(try parseBool())
            default: return .number(try parseNumber())
            }
        }

        mutating func parseString() throws -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while i < scalars.count {
                let c = scalars[i]
                i += 1
                if c == "\"" { return String(out) }
                if c == "\\" {
                    guard i < scalars.count else { break }
                    let e = scalars[i]
                    i += 1
                    switch e {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "u":
                        guard i + 4 <= scalars.count,
                            let v = UInt32(String(String.UnicodeScalarView(scalars[i..<(i + 4)])), radix: 16),
                            let s = Unicode.Scalar(v)
                        else { throw Failure("invalid \\u escape") }
                        out.append(s)
                        i += 4
                    default: throw Failure("unknown escape \\\(e)")
                    }
                } else {
                    out.append(c)
                }
            }
            throw Failure("unterminated string")
        }

        mutating func parseArray() throws -> [Value] {
            depth += 1
            guard depth < 8 else { throw Failure("arrays nested too deeply") }
            i += 1
            var values: [Value] = []
            while true {
                skipSpaces()
                guard i < scalars.count else { throw Failure("unterminated array") }
                if scalars[i] == "]" {
                    i += 1
                    depth -= 1
                    return values
                }
                values.append(try parseValue())
                skipSpaces()
                guard i < scalars.count else { throw Failure("unterminated array") }
                if scalars[i] == "," {
                    i += 1
                } else if scalars[i] != "]" {
                    throw Failure("expected `,` or `]` in array")
                }
            }
        }

        mutating func parseBool() throws -> Bool {
            let rest = String(String.UnicodeScalarView(scalars[i...]))
            if rest.hasPrefix("true") {
                i += 4
                return true
            }
            if rest.hasPrefix("false") {
                i += 5
                return false
            }
            throw Failure("expected true or false")
        }

        mutating func parseNumber() throws -> Double {
            let start = i
            while i < scalars.count, "+-0123456789.eE_".unicodeScalars.contains(scalars[i]) { i += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<i])).replacingUnderscores()
            guard !text.isEmpty, let value = Double(text) else {
                throw Failure("expected a string in quotes, a number, true/false or an array")
            }
            return value
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Usual case first: the first and last bytes are visible ASCII, so there is nothing to trim.
        if let f = utf8.first, let l = utf8.last, f > 0x20 && f < 0x7F, l > 0x20 && l < 0x7F { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    func trimmingCharacters(of c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
