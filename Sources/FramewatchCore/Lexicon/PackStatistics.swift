import Foundation

/// Counts that describe a pack: what `framewatch lexicon stats` and `GET /v1/lexicon` show.
public struct PackStatistics: Sendable, Codable {
    public var name: String
    public var version: String
    public var hash: String
    public var languages: [String]
    /// category → language → entries.
    public var entries: [String: [String: Int]]
    public var totalEntries: Int
    public var wildcards: Int
    public var suffixPatterns: Int
    public var multiword: Int
    /// Entries with a gap (`cancel* ~ visit`).
    public var gapped: Int
    public var entities: Int
    /// type → count.
    public var entityTypes: [String: Int]
    public var watchListed: Int
    public var aliases: Int
    public var trieNodes: Int

    enum CodingKeys: String, CodingKey {
        case name, version, hash, languages, entries, wildcards, multiword, gapped, entities, aliases
        case totalEntries = "total_entries"
        case suffixPatterns = "suffix_patterns"
        case entityTypes = "entity_types"
        case watchListed = "watch_listed"
        case trieNodes = "trie_nodes"
    }

    public init(_ lexicon: CompiledLexicon) {
        let pack = lexicon.pack
        name = pack.identity.name
        version = pack.identity.version
        hash = pack.identity.hash
        languages = pack.manifest.languages.map(\.rawValue)
        var entries: [String: [String: Int]] = [:]
        var wildcards = 0
        var suffixes = 0
        var multiword = 0
        var gapped = 0
        for e in pack.entries {
            entries[e.category.description, default: [:]][e.language.rawValue, default: 0] += 1
            if e.isPrefixWildcard { wildcards += 1 }
            if e.isSuffixPattern { suffixes += 1 }
            if e.term.contains(" ") { multiword += 1 }
            if e.term.contains(" ~ ") { gapped += 1 }
        }
        self.entries = entries
        totalEntries = pack.entries.count
        self.wildcards = wildcards
        suffixPatterns = suffixes
        self.multiword = multiword
        self.gapped = gapped
        entities = pack.entities.count
        var types: [String: Int] = [:]
        for e in pack.entities { types[e.type.rawValue, default: 0] += 1 }
        entityTypes = types
        watchListed = pack.entities.filter { $0.watch != nil }.count
        aliases = pack.entities.reduce(0) { $0 + $1.names.count + $1.short.count + $1.adjectives.count }
        trieNodes = lexicon.nodeCount
    }

    /// A plain-text table.
    public var table: String {
        var out = "\(name) \(version)\n\(hash)\n\n"
        let langs = languages
        out += "category".padding(toLength: 34, withPad: " ", startingAt: 0)
        out += langs.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined() + "total\n"
        for category in entries.keys.sorted() {
            let row = entries[category]!
            out += category.padding(toLength: 34, withPad: " ", startingAt: 0)
            out += langs.map { String(row[$0] ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined()
            out += "\(row.values.reduce(0, +))\n"
        }
        out +=
            "\nentries \(totalEntries) · wildcards \(wildcards) · suffix patterns \(suffixPatterns) · multiword \(multiword) · gapped \(gapped)\n"
        out += "entities \(entities) ("
        out += entityTypes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        out += ") · watch-listed \(watchListed) · aliases \(aliases) · trie nodes \(trieNodes)\n"
        return out
    }
}
