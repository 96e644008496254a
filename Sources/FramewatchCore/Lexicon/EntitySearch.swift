import FramewatchText

extension CompiledLexicon {
    /// The gazetteer entities whose id or any alias contains `query`, compared on cross-script
    /// keys (so `Мамедъяров`, `mamed` and `Məmmədyarov` find the same entity); all of them for an
    /// empty query. Used by `framewatch entities --search` and `GET /v1/entities?q=`.
    public func searchEntities(_ query: String) -> [EntityRecord] {
        let needle = MatchKeys.crossScript(query)
        guard !needle.isEmpty else { return entities }
        return entities.filter { e in
            e.id.contains(needle)
                || (e.names + e.short + e.adjectives).contains { MatchKeys.crossScript($0).contains(needle) }
        }
    }
}

extension EntityRecord {
    /// The entity as a JSON object: id, type, name, roles, flagged, flag_reason, names, short, adjectives.
    public func write(to j: inout JSONWriter) {
        j.object { j in
            j.field("id", id)
            j.field("type", type.rawValue)
            j.field("name", name)
            j.field("roles") { j in j.array { j in for r in roles.map(\.rawValue).sorted() { j.string(r) } } }
            j.field("flagged", watch != nil)
            j.field("flag_reason", ifPresent: watch)
            for (key, list) in [("names", names), ("short", short), ("adjectives", adjectives)] {
                j.field(key) { j in j.array { j in for n in list { j.string(n) } } }
            }
        }
    }
}

extension LexiconPack.Identity {
    /// `{"name", "version", "hash"}`, as in every report.
    public func write(to j: inout JSONWriter) {
        j.object { j in
            j.field("name", name)
            j.field("version", version)
            j.field("hash", hash)
        }
    }
}
