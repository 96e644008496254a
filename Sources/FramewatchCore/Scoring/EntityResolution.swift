import FramewatchText

/// One resolved entity mention in the document.
struct ResolvedMention {
    var sentence: Int
    var firstToken: Int32
    var endToken: Int32
    /// The entity index, or nil when ambiguous.
    var entity: Int?
    /// All candidate entity indices (one when resolved).
    var candidates: [Int]
    var form: MatchTarget.AliasForm
    /// True when a shared short form was settled by the gazetteer's `preferred` entity.
    var byPreference = false
    /// True when the last word matched after an inflectional ending was removed (`Алиевым`).
    var inflected = false
}

/// Turns entity hits into mentions: a shared short form ("Aliyev") resolves to the entity whose
/// full name appeared earlier in the document (the most recent one); otherwise it is reported
/// as ambiguous rather than guessed.
enum EntityResolution {
    static func resolve(_ hits: [(sentence: Int, hit: Hit, targets: [MatchTarget])], entities: [EntityRecord])
        -> [ResolvedMention]
    {
        var lastFullName: [Int: Int] = [:]  // entity → order of its last full-name mention
        var order = 0
        var mentions: [ResolvedMention] = []
        for (sentence, hit, targets) in hits {
            order += 1
            let candidates = distinctEntities(targets)
            guard !candidates.isEmpty else { continue }
            let form: MatchTarget.AliasForm =
                targets.contains { $0.form == .name }
                ? .name : (targets.contains { $0.form == .adjective } ? .adjective : .short)
            var chosen: Int? = nil
            if candidates.count == 1 {
                chosen = candidates[0]
            } else {
                // Full names that are unique to one candidate decide; otherwise the most recent full name.
                let full = targets.filter { $0.form == .name }.map { Int($0.index) }
                if Set(full).count == 1 {
                    chosen = full[0]
                } else {
                    let seen = candidates.compactMap { c in lastFullName[c].map { (c, $0) } }
                    chosen = seen.max { $0.1 < $1.1 }?.0
                }
            }
            var byPreference = false
            if chosen == nil {
                let preferred = candidates.filter { entities[$0].preferred }
                if preferred.count == 1 {
                    chosen = preferred[0]
                    byPreference = true
                }
            }
            if let chosen, form == .name, targets.contains(where: { $0.form == .name && Int($0.index) == chosen }) {
                lastFullName[chosen] = order
            }
            mentions.append(
                ResolvedMention(
                    sentence: sentence, firstToken: hit.firstToken, endToken: hit.endToken, entity: chosen,
                    candidates: candidates, form: form, byPreference: byPreference, inflected: hit.inflected))
        }
        return mentions
    }

    /// The distinct entity indices of a hit's targets, ascending (most hits name one entity,
    /// often through several aliases: no set is built for them).
    static func distinctEntities(_ targets: [MatchTarget]) -> [Int] {
        guard let first = targets.first else { return [] }
        if targets.allSatisfy({ $0.index == first.index }) { return [Int(first.index)] }
        return Array(Set(targets.map { Int($0.index) })).sorted()
    }
}
