/// Interns byte strings to dense integer ids: an open-addressing hash table over one byte arena.
///
/// Used for the compiled lexicon's vocabulary (immutable once built, so `Sendable`) and for each
/// worker's token-key cache. Looking up a token costs one hash of its bytes and, usually, one
/// comparison; no `String` is created.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var slots: [Int32]
    private var mask: Int

    /// Creates an empty interner with room for about `capacity` strings before it grows.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of interned strings; ids are `0..<count`.
    public var count: Int { offsets.count - 1 }

    /// Bytes held by the arena (for memory accounting).
    public var arenaBytes: Int { arena.count }

    /// The bytes of id `id`.
    public func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])]
    }

    /// The string of id `id`.
    public func string(_ id: Int32) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }

    /// The id of `key`, or nil.
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, or nil.
    public func lookup(_ key: [UInt8]) -> Int32? {
        key.withUnsafeBufferPointer { lookup($0) }
    }

    /// The id of `key`, or nil.
    public func lookup(_ key: String) -> Int32? {
        var s = key
        return s.withUTF8 { lookup($0) }
    }

    /// The id of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(Int32(arena.count))
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBufferPointer { intern($0) }
    }

    /// The id of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: String) -> Int32 {
        intern(Array(key.utf8))
    }

    /// Forgets every string but keeps the allocated capacity.
    public mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        for i in slots.indices { slots[i] = -1 }
    }

    @inline(__always)
    private func equals(_ id: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        guard end - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < key.count {
                if a[start + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in 0..<count {
                let start = Int(offsets[id])
                let key = UnsafeBufferPointer(rebasing: a[start..<Int(offsets[id + 1])])
                var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }
    }

    /// FNV-1a over 8-byte words, then a final avalanche: fast for short tokens, well spread.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = key.count
        if let base = key.baseAddress {
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                h = (h ^ w) &* 0x0000_0100_0000_01B3
                h ^= h >> 29
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01B3
                i += 1
            }
        }
        h ^= UInt64(n)
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}
