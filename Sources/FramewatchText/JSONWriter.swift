/// A small streaming JSON writer that appends UTF-8 to a byte buffer, keeping keys in the order
/// written (the report contract's order) and escaping strings per RFC 8259.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { j in j.field("lang") { $0.string("az") } }
/// String(decoding: json.bytes, as: UTF8.self)   // {"lang":"az"}
/// ```
///
/// It is on the hot path of `framewatch batch` (a report is about ten times the size of its
/// text), so each call reserves room for its worst case once and then writes through a pointer:
/// strings are copied in runs that need no escaping and numbers are formatted in place, never
/// through a `String` (`Array.append(contentsOf:)` alone cost ~110 instructions a call).
public struct JSONWriter: Sendable {
    private var storage: Storage
    private var count = 0
    /// One bit per open container or field, innermost lowest: set once it holds a value (so the
    /// next one needs a comma). `depth` counts the open levels; levels past 64 keep their bits in
    /// `deepLevels`.
    private var levels: UInt64 = 0
    private var depth = 0
    private var deepLevels: [Bool] = []

    public init(capacity: Int = 1024) {
        storage = Storage(capacity: max(16, capacity))
    }

    /// The JSON written so far.
    public var bytes: [UInt8] { Array(written) }

    /// The JSON written so far, as a string.
    public var string: String { String(decoding: written, as: UTF8.self) }

    private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage.base, count: count) }

    /// Writes an object; `body` writes its fields.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        write(separated: 1) { $0.put(0x7B) }
        open()
        body(&self)
        close()
        write(upTo: 1) { $0.put(0x7D) }
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        write(separated: 1) { $0.put(0x5B) }
        open()
        body(&self)
        close()
        write(upTo: 1) { $0.put(0x5D) }
    }

    /// Writes `"name":` then the value written by `value`.
    public mutating func field(_ name: String, _ value: (inout JSONWriter) -> Void) {
        write(separated: Cursor.keySize(name)) { $0.key(name) }
        open()
        value(&self)
        close()
    }

    public mutating func field(_ name: String, _ value: String) {
        write(separated: Cursor.keySize(name) + Cursor.stringSize(value)) { c in
            c.key(name)
            c.string(value)
        }
    }

    public mutating func field(_ name: String, _ value: Int) {
        write(separated: Cursor.keySize(name) + Cursor.integerSize) { c in
            c.key(name)
            c.integer(value)
        }
    }

    public mutating func field(_ name: String, _ value: Double) {
        guard Cursor.hasDecimalForm(value) else {
            field(name) { $0.number(value) }
            return
        }
        write(separated: Cursor.keySize(name) + Cursor.decimalSize) { c in
            c.key(name)
            c.decimal(value)
        }
    }

    public mutating func field(_ name: String, _ value: Bool) {
        write(separated: Cursor.keySize(name) + 5) { c in
            c.key(name)
            c.bool(value)
        }
    }

    /// Writes the field only when `value` is not nil.
    public mutating func field(_ name: String, ifPresent value: String?) {
        if let value { field(name, value) }
    }

    public mutating func string(_ value: String) {
        write(separated: Cursor.stringSize(value)) { $0.string(value) }
    }

    /// Writes a string from UTF-8 bytes (invalid bytes become U+FFFD).
    public mutating func string<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        string(String(decoding: value, as: UTF8.self))
    }

    public mutating func number(_ value: Int) {
        write(separated: Cursor.integerSize) { $0.integer(value) }
    }

    /// Writes a number rounded to at most four decimals (NaN and infinities become 0).
    public mutating func number(_ value: Double) {
        if Cursor.hasDecimalForm(value) {
            write(separated: Cursor.decimalSize) { $0.decimal(value) }
        } else {
            // Too large for the decimal shortcut (never in a report): let the standard library decide.
            var text = String((value * 10_000).rounded() / 10_000)
            if text.hasSuffix(".0") { text.removeLast(2) }
            raw(Array(text.utf8))
        }
    }

    public mutating func bool(_ value: Bool) {
        write(separated: 5) { $0.bool(value) }
    }

    public mutating func null() {
        write(separated: 4) { $0.bytes("null") }
    }

    /// Appends already-serialised JSON as one value.
    public mutating func raw(_ json: [UInt8]) {
        write(separated: json.count) { c in json.withUnsafeBufferPointer { c.bytes($0) } }
    }

    // MARK: Nesting

    @inline(__always)
    private mutating func open() {
        depth += 1
        if depth > 64 {
            deepLevels.append(false)
        } else {
            levels <<= 1
        }
    }

    @inline(__always)
    private mutating func close() {
        if depth > 64 {
            deepLevels.removeLast()
        } else {
            levels >>= 1
        }
        depth -= 1
    }

    /// Marks the innermost level as holding a value; true when one was there before (a comma is due).
    @inline(__always)
    private mutating func takeComma() -> Bool {
        guard depth > 0 else { return false }
        if depth > 64 {
            defer { deepLevels[deepLevels.count - 1] = true }
            return deepLevels[deepLevels.count - 1]
        }
        defer { levels |= 1 }
        return levels & 1 != 0
    }

    // MARK: Storage

    /// The writer's bytes: copied on write when a copy of the writer shares them.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { base.deallocate() }
    }

    /// Writes one value, after a comma when its container already holds one; `size` bounds what
    /// `body` writes.
    @inline(__always)
    private mutating func write(separated size: Int, _ body: (inout Cursor) -> Void) {
        let comma = takeComma()
        write(upTo: size + 1) { c in
            if comma { c.put(0x2C) }
            body(&c)
        }
    }

    /// Reserves `size` bytes in storage this writer alone holds, lets `body` write at most that
    /// many, and keeps what it wrote.
    @inline(__always)
    private mutating func write(upTo size: Int, _ body: (inout Cursor) -> Void) {
        if count + size > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            reallocate(minimum: count + size)
        }
        var cursor = Cursor(storage.base + count)
        body(&cursor)
        count = cursor.position - storage.base
    }

    private mutating func reallocate(minimum: Int) {
        let fresh = Storage(capacity: max(minimum, storage.capacity * 2))
        fresh.base.update(from: storage.base, count: count)
        storage = fresh
    }
}

/// Writes JSON tokens through a pointer into room its ``JSONWriter`` reserved for them.
private struct Cursor {
    var position: UnsafeMutablePointer<UInt8>

    init(_ position: UnsafeMutablePointer<UInt8>) { self.position = position }

    /// The most a string takes: quotes and six bytes (`\u00XX`) per byte.
    @inline(__always)
    static func stringSize(_ value: String) -> Int { 2 + 6 * value.utf8.count }

    /// The most `"name":` takes.
    @inline(__always)
    static func keySize(_ name: String) -> Int { stringSize(name) + 1 }

    /// The most an `Int` takes: a sign and 19 digits.
    static let integerSize = 20

    /// The most ``decimal(_:)`` takes: a sign, 11 digits, a point and four decimals.
    static let decimalSize = 17

    /// Ten-thousandths below which ``decimal(_:)`` writes the digits itself: values under 10^11,
    /// whose neighbouring doubles are far closer than 0.0001.
    static let exactDecimalLimit: Double = 1e15

    /// Whether ``decimal(_:)`` can write `value` (finite values under 10^11 in magnitude).
    @inline(__always)
    static func hasDecimalForm(_ value: Double) -> Bool {
        !value.isFinite || (value * 10_000).rounded().magnitude < exactDecimalLimit
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    @inline(__always)
    mutating func bytes(_ run: UnsafeBufferPointer<UInt8>) {
        guard let source = run.baseAddress else { return }
        position.update(from: source, count: run.count)
        position += run.count
    }

    mutating func bytes(_ literal: StaticString) {
        bytes(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func bool(_ value: Bool) {
        bytes(value ? "true" : "false")
    }

    mutating func key(_ name: String) {
        string(name)
        put(0x3A)
    }

    /// Decimal digits of an integer.
    mutating func integer(_ value: Int) {
        if value < 0 { put(0x2D) }
        digits(UInt64(value.magnitude))
    }

    mutating func digits(_ magnitude: UInt64) {
        var n = magnitude
        var length = 1
        var limit: UInt64 = 10
        while n >= limit && length < 20 {
            length += 1
            if limit > UInt64.max / 10 { break }
            limit *= 10
        }
        var i = length
        repeat {
            i -= 1
            position[i] = UInt8(truncatingIfNeeded: n % 10) + 0x30
            n /= 10
        } while i > 0
        position += length
    }

    /// The number rounded to four decimals, in the shortest form that reads back the same:
    /// `0.25`, `-1.5`, `3`, `0` (what `String(Double)` gives for it, minus a trailing `.0`;
    /// `FastPathTests` checks the two agree). NaN and infinities become 0.
    mutating func decimal(_ value: Double) {
        guard value.isFinite else { return put(0x30) }
        let scaled = (value * 10_000).rounded()
        if scaled == 0 { return put(0x30) }
        let tenThousandths = Int64(scaled)
        if tenThousandths < 0 { put(0x2D) }
        let magnitude = tenThousandths.magnitude
        digits(magnitude / 10_000)
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return }
        put(0x2E)
        var width = 4
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var divisor: UInt64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            put(UInt8(truncatingIfNeeded: fraction / divisor % 10) + 0x30)
            divisor /= 10
        }
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Whether a byte must be escaped in a JSON string (quote, backslash, controls, DEL).
    @inline(__always)
    static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
    }

    /// Whether any of the eight bytes of `word` must be escaped (exact: the classic "has a byte
    /// less than n" and "has a zero byte" bit tricks).
    @inline(__always)
    static func anyNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let delete = hasZeroByte(word ^ (ones &* 0x7F))
        return control | quote | backslash | delete != 0
    }

    /// A quoted, escaped string: runs that need no escaping are copied whole.
    mutating func string(_ value: String) {
        put(0x22)
        var value = value
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var runStart = 0
            var i = 0
            while i < utf8.count {
                // Eight bytes at a time while none needs escaping.
                if i + 8 <= utf8.count, !Self.anyNeedsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                {
                    i += 8
                    continue
                }
                let b = utf8[i]
                if Self.needsEscape(b) {
                    bytes(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                    escape(b)
                    runStart = i + 1
                }
                i += 1
            }
            bytes(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        put(0x22)
    }

    private mutating func escape(_ b: UInt8) {
        put(0x5C)
        switch b {
        case 0x22: put(0x22)
        case 0x5C: put(0x5C)
        case 0x0A: put(0x6E)
        case 0x0D: put(0x72)
        case 0x09: put(0x74)
        default:
            bytes("u00")
            put(Self.hex.utf8Start[Int(b >> 4)])
            put(Self.hex.utf8Start[Int(b & 0xF)])
        }
    }
}
