/// A small streaming JSON writer that appends UTF-8 to a byte buffer, keeping keys in the order
/// written (the report contract's order) and escaping strings per RFC 8259.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { j in j.field("lang") { $0.string("az") } }
/// String(decoding: json.bytes, as: UTF8.self)   // {"lang":"az"}
/// ```
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far, as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if let last = needsComma.last {
            if last { bytes.append(0x2C) }
            needsComma[needsComma.count - 1] = true
        }
    }

    /// Writes an object; `body` writes its fields.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(0x7B)
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(0x7D)
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(0x5B)
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(0x5D)
    }

    /// Writes `"name":` then the value written by `value`.
    public mutating func field(_ name: String, _ value: (inout JSONWriter) -> Void) {
        separate()
        appendString(name)
        bytes.append(0x3A)
        needsComma.append(false)
        value(&self)
        needsComma.removeLast()
    }

    public mutating func field(_ name: String, _ value: String) { field(name) { $0.string(value) } }
    public mutating func field(_ name: String, _ value: Int) { field(name) { $0.number(value) } }
    public mutating func field(_ name: String, _ value: Double) { field(name) { $0.number(value) } }
    public mutating func field(_ name: String, _ value: Bool) { field(name) { $0.bool(value) } }

    /// Writes the field only when `value` is not nil.
    public mutating func field(_ name: String, ifPresent value: String?) {
        if let value { field(name, value) }
    }

    public mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    /// Writes a string from UTF-8 bytes (invalid bytes become U+FFFD).
    public mutating func string<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        string(String(decoding: value, as: UTF8.self))
    }

    public mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a number rounded to at most four decimals (NaN and infinities become 0).
    public mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else {
            bytes.append(0x30)
            return
        }
        let scaled = (value * 10_000).rounded()
        if scaled == 0 {
            bytes.append(0x30)
            return
        }
        var text = String(scaled / 10_000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Appends already-serialised JSON as one value.
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ value: String) {
        bytes.append(0x22)
        for b in value.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20, 0x7F:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
