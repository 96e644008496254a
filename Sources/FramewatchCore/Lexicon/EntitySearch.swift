import FramewatchText

extension CompiledLexicon {
    /// The gazetteer entities whose id or any alias contains `query`, compared on cross-script
    /// keys (so `Мамедъяров`, `mamed` and `Məmmədyarov` find the same entity), exact matches first,
    /// then prefixes; all of them for an empty query. Used by `framewatch entities --search` and
    /// `GET /v1/entities?q=`.
    public func searchEntities(_ query: String) -> [EntityRecord] {
        // Format characters copied with a name from a web page (a zero-width space, a soft hyphen,
        // a BOM) are not part of it.
        let cleaned = String.UnicodeScalarView(query.unicodeScalars.filter { $0.properties.generalCategory != .format })
        let needle = MatchKeys.crossScript(String(cleaned).trimmingWhitespace())
        guard !needle.isEmpty else { return entities }
        // Ranked: an exact id, name or alias first ("Baku" is the city before the Baku Network),
        // then a name or alias that begins with the query, then the rest; the pack's order within each.
        var ranked: [(rank: Int, entity: EntityRecord)] = []
        for e in entities {
            let keys = (e.names + e.short + e.adjectives).map(MatchKeys.crossScript)
            let rank: Int
            if e.id == needle || keys.contains(needle) {
                rank = 0
            } else if e.id.hasPrefix(needle) || keys.contains(where: { $0.hasPrefix(needle) }) {
                rank = 1
            } else if e.id.contains(needle) || keys.contains(where: { $0.contains(needle) }) {
                rank = 2
            } else {
                continue
            }
            ranked.append((rank, e))
        }
        // `sorted` is not stable: order by rank, then by position in the pack.
        return ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.entity)
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
