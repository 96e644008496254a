/// A worker's memo of token keys: the raw bytes of a token seen before map straight to its fold
/// and cross-script keys, so ICU normalisation runs once per distinct spelling, not per token.
///
/// Bounded: ``reserve(_:)`` starts afresh when the next run of tokens could take it past
/// ``capacity`` spellings, and ``generation`` changes so that callers holding ids derived from it
/// know to drop them. It never clears in the middle of a run (a sentence), so the ids handed out
/// for one run stay valid together; a single run longer than the capacity grows it temporarily.
/// Not thread-safe (one per worker).
public final class KeyCache {
    /// The number of distinct spellings kept before the cache is cleared.
    public let capacity: Int
    /// Incremented each time the cache is cleared.
    public private(set) var generation = 0

    private var raw: ByteInterner
    private var folds: ByteInterner
    private var crosses: ByteInterner
    /// For each raw id: its fold-key id and cross-script-key id.
    private var foldOf: [Int32] = []
    private var crossOf: [Int32] = []

    public init(capacity: Int = 200_000) {
        self.capacity = capacity
        raw = ByteInterner(capacity: 4096)
        folds = ByteInterner(capacity: 4096)
        crosses = ByteInterner(capacity: 4096)
    }

    /// The cache id of a token's spelling, computing its keys on first sight.
    public func id(_ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = raw.lookup(token) { return id }
        let id = raw.intern(token)
        let fold = MatchKeys.fold(token)
        foldOf.append(folds.intern(fold))
        crossOf.append(crosses.intern(MatchKeys.crossScript(fold: fold)))
        return id
    }

    /// Makes room for `tokens` more spellings: clears the cache (a new ``generation``) when they
    /// could take it past ``capacity``. Call before each run whose ids must stay valid together.
    public func reserve(_ tokens: Int) {
        if raw.count > 0 && raw.count + tokens > capacity { clear() }
    }

    /// The fold-key id (dense within this cache generation) of cache id `id`.
    public func foldID(_ id: Int32) -> Int32 { foldOf[Int(id)] }
    /// The cross-script-key id of cache id `id`.
    public func crossID(_ id: Int32) -> Int32 { crossOf[Int(id)] }
    /// The bytes of a fold key id.
    public func foldBytes(_ foldID: Int32) -> ArraySlice<UInt8> { folds.bytes(foldID) }
    /// The bytes of a cross-script key id.
    public func crossBytes(_ crossID: Int32) -> ArraySlice<UInt8> { crosses.bytes(crossID) }
    /// The fold key of cache id `id` as a string.
    public func fold(_ id: Int32) -> String { folds.string(foldOf[Int(id)]) }
    /// The cross-script key of cache id `id` as a string.
    public func crossScript(_ id: Int32) -> String { crosses.string(crossOf[Int(id)]) }
    /// The number of distinct fold keys in this generation.
    public var foldCount: Int { folds.count }
    /// The number of distinct cross-script keys in this generation.
    public var crossCount: Int { crosses.count }

    private func clear() {
        raw.removeAll()
        folds.removeAll()
        crosses.removeAll()
        foldOf.removeAll(keepingCapacity: true)
        crossOf.removeAll(keepingCapacity: true)
        generation += 1
    }
}
