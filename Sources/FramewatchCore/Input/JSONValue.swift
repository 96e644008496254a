/// A parsed JSON value, from ``JSONParser``.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number and its text as written (ids like `0012` or `1e3` are echoed as given).
    case number(Double, String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x, _), .number(let y, _)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let d, _): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// The value of `key` when this is an object (the last one, if repeated).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.last { $0.0 == key }?.1
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Why a JSON text could not be parsed, with the byte offset.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case syntax, invalidUTF8, tooDeep }
    public var kind: Kind
    public var offset: Int
    public var message: String
    public var description: String { "\(message) at byte \(offset)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes with a nesting limit, so that hostile input (deep
/// nesting, invalid UTF-8 inside strings, trailing garbage) gets a specific error instead of a
/// crash or a stack overflow.
public struct JSONParser {
    /// The deepest nesting accepted.
    public static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    /// Parses one complete JSON text.
    public static func parse<C: Collection>(_ data: C) throws -> JSONValue where C.Element == UInt8 {
        let array = Array(data)
        return try array.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value()
            parser.skipSpace()
            guard parser.i == buffer.count else { throw parser.fail("unexpected text after the JSON value") }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func fail(_ message: String, _ kind: JSONParseError.Kind = .syntax) -> JSONParseError {
        JSONParseError(kind: kind, offset: i, message: message)
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[i] {
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x22: return .string(try string())
        case 0x74: return try literal("true", .bool(true))
        case 0x66: return try literal("false", .bool(false))
        case 0x6E: return try literal("null", .null)
        case 0x2D, 0x30...0x39: return try number()
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: String, _ result: JSONValue) throws -> JSONValue {
        for b in word.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw fail("invalid literal") }
            i += 1
        }
        return result
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth { throw fail("nested deeper than \(Self.maximumDepth) levels", .tooDeep) }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        i += 1
        var fields: [(String, JSONValue)] = []
        skipSpace()
        if i < bytes.count && bytes[i] == 0x7D {
            i += 1
            depth -= 1
            return .object(fields)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a field name in quotes") }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected `:`") }
            i += 1
            skipSpace()
            fields.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == 0x2C {
                i += 1
            } else if bytes[i] == 0x7D {
                i += 1
                depth -= 1
                return .object(fields)
            } else {
                throw fail("expected `,` or `}`")
            }
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == 0x5D {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == 0x2C {
                i += 1
            } else if bytes[i] == 0x5D {
                i += 1
                depth -= 1
                return .array(items)
            } else {
                throw fail("expected `,` or `]`")
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        var start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                out.append(contentsOf: bytes[start..<i])
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x5C {
                out.append(contentsOf: bytes[start..<i])
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by a low one; alone it becomes U+FFFD.
                        if i + 6 <= bytes.count && bytes[i] == 0x5C && bytes[i + 1] == 0x75 {
                            let save = i
                            i += 2
                            let low = try hex4()
                            if low >= 0xDC00 && low < 0xE000 {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                i = save
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        scalar = 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
                default: throw fail("invalid escape")
                }
                start = i
                continue
            }
            if b < 0x20 { throw fail("control character in a string (escape it)") }
            if b >= 0x80 {
                let (length, scalar) = UTF8Decoding.decodeScalar(bytes, at: i)
                if scalar == nil { throw fail("invalid UTF-8 in a string", .invalidUTF8) }
                i += length
                continue
            }
            i += 1
        }
        throw fail("unterminated string")
    }

    private mutating func number() throws -> JSONValue {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw fail("invalid number") }
        if bytes[i] == 0x30 {
            i += 1
        } else {
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw fail("invalid number") }
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { throw fail("invalid number") }
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        return .number(Double(text) ?? .nan, text)
    }
}
