/// What moved between a previous evaluation and this one (`framewatch eval --compare PREV.json`).
///
/// Items are matched by id. Only the items both runs scored are compared: an item fixed or
/// broken, and each group's frame accuracy before and after, over those items alone (a run on
/// more or other gold files would otherwise move the accuracy without the pack changing). The
/// items only one run has are listed, so that a comparison with an evaluation of other gold files
/// says so instead of reading "0 fixed, 0 broken".
///
/// ```swift
/// let moved = EvaluationComparison(current: today, previous: lastWeek)
/// moved.shared.count      // 268 of 270
/// moved.fixed             // ["en-s041", "az-d007"]
/// ```
public struct EvaluationComparison: Sendable {
    /// One group's frame accuracy over the shared items, before and after.
    public struct GroupAccuracy: Sendable, Hashable {
        /// The group: a language code, or `all`.
        public var group: String
        /// Shared items in the group.
        public var items: Int
        public var before: Double
        public var after: Double
    }

    /// Ids both runs scored, sorted.
    public var shared: [String]
    /// Ids only this run scored (items added to the gold files), sorted.
    public var onlyCurrent: [String]
    /// Ids only the previous run scored (items removed, or other gold files), sorted.
    public var onlyPrevious: [String]
    /// Shared items wrong before and right now, sorted.
    public var fixed: [String]
    /// Shared items right before and wrong now, sorted.
    public var broken: [String]
    /// Frame accuracy per group over the shared items: `en`, `ru`, `az` (those present), then
    /// `all`. Empty when no item is shared.
    public var accuracy: [GroupAccuracy]
    /// Whether both runs used the same pack (same content hash): then any change comes from the
    /// engine or the gold files, not from the lexicon.
    public var samePack: Bool

    /// The order groups are listed in (then any other group, by name).
    static let groupOrder = ["en", "ru", "az"]

    public init(current: Evaluation, previous: Evaluation) {
        let now = current.outcomes
        let before = previous.outcomes
        shared = now.keys.filter { before[$0] != nil }.sorted()
        onlyCurrent = now.keys.filter { before[$0] == nil }.sorted()
        onlyPrevious = before.keys.filter { now[$0] == nil }.sorted()
        fixed = shared.filter { now[$0] == true && before[$0] == false }
        broken = shared.filter { now[$0] == false && before[$0] == true }
        samePack = current.lexicon.hash == previous.lexicon.hash
        accuracy = Self.accuracy(
            of: shared, before: before, after: now,
            groupOf: { current.itemGroups?[$0] ?? previous.itemGroups?[$0] })
    }

    /// Accuracy before and after per group and over all `ids`. An item whose group neither run
    /// recorded (an evaluation older than ``Evaluation/itemGroups``) counts in `all` only.
    static func accuracy(
        of ids: [String], before: [String: Bool], after: [String: Bool], groupOf: (String) -> String?
    ) -> [GroupAccuracy] {
        guard !ids.isEmpty else { return [] }
        var byGroup: [String: [String]] = [:]
        for id in ids {
            if let group = groupOf(id) { byGroup[group, default: []].append(id) }
        }
        func measure(_ group: String, _ members: [String]) -> GroupAccuracy {
            let right = { (outcomes: [String: Bool]) in members.filter { outcomes[$0] == true }.count }
            let n = Double(members.count)
            return GroupAccuracy(
                group: group, items: members.count, before: Double(right(before)) / n, after: Double(right(after)) / n)
        }
        let names = byGroup.keys.sorted { a, b in
            (groupOrder.firstIndex(of: a) ?? groupOrder.count, a) < (
                groupOrder.firstIndex(of: b) ?? groupOrder.count, b
            )
        }
        return names.map { measure($0, byGroup[$0]!) } + [measure("all", ids)]
    }
}
