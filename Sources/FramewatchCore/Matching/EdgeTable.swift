/// The trie's edges, `(node, token id) → child`, in an open-addressing table with a cheap
/// multiplicative hash: one probe per candidate token on the hot path, where a `Dictionary`
/// would run SipHash each time.
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int
    /// The key no edge can have (node and id are both non-negative `Int32`s).
    private static let empty = UInt64.max

    init(_ edges: [UInt64: Int32]) {
        var size = 16
        while size < edges.count * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (key, value) in edges {
            var slot = Self.slot(key, mask)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The child of `node` along `edge`, or nil.
    @inline(__always)
    func child(_ node: Int32, _ edge: Int32) -> Int32? {
        let key = UInt64(UInt32(node)) << 32 | UInt64(UInt32(edge))
        var slot = Self.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    var count: Int { values.filter { $0 >= 0 }.count }
}
