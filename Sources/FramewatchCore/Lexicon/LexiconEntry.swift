import FramewatchText

/// One line of a pack's term list.
public struct LexiconEntry: Sendable, Hashable {
    /// The term as written (`fifth column`, `обвин*`, `*məyib`).
    public var term: String
    public var category: Category
    public var weight: Double
    /// The language the entry applies to.
    public var language: Language
    public var note: String?
    /// Where it was read from (pack-relative path and 1-based line).
    public var file: String
    public var line: Int

    /// True when the last word ends in `*` (prefix wildcard).
    public var isPrefixWildcard: Bool { term.hasSuffix("*") }
    /// True when the term starts with `*` (suffix pattern, rule lists only).
    public var isSuffixPattern: Bool { term.hasPrefix("*") }
}

/// What kind of thing an entity is.
public enum EntityType: String, Codable, Sendable, CaseIterable {
    case person, org, place, project
}

/// A role the scorer gives an entity.
public enum EntityRole: String, Codable, Sendable, CaseIterable {
    /// Russia, Moscow, the Kremlin, Russian officials and state institutions: cues near them
    /// count toward the Russia axis.
    case russiaTarget = "russia_target"
    /// The Azerbaijani equivalents.
    case azerbaijanTarget = "azerbaijan_target"
}

/// One gazetteer entity.
public struct EntityRecord: Sendable, Hashable {
    /// Stable id (`elmar_mammadyarov`).
    public var id: String
    public var type: EntityType
    /// Canonical English name.
    public var name: String
    /// Full, unambiguous names in any script.
    public var names: [String]
    /// Short forms that may be shared by several entities (bare surnames, "Mr Putin").
    public var short: [String]
    /// Adjective and demonym forms (`Russian`, `российский`, `rus`).
    public var adjectives: [String]
    public var roles: Set<EntityRole>
    /// Why a monitor tracks this figure; nil when not watch-listed.
    public var watch: String?
    /// When a short form it shares is not resolved by an earlier full name, this entity is
    /// chosen (and the mention is still listed under `ambiguous` with its candidates): for the
    /// figure a bare surname almost always means in current news (`Aliyev` → Ilham Aliyev).
    public var preferred: Bool
    /// Whether adjective forms are reported as mentions. `false` (gazetteer
    /// `report_adjectives = false`) for cities and regions: `московский`, `екатеринбургский`,
    /// `bakılı` still put the entity's roles in scope (a Russia target in the sentence), but the
    /// report does not list them, as adjectives derived from cities are not named entities.
    public var reportAdjectives: Bool = true
    /// Whether a place or organisation without a role counts as a third party: a frame cue in a
    /// clause that names one and no Russia target is about that party ("cooperation with
    /// Turkey"). `false` (gazetteer `third_party = false`) for venues and towns where things
    /// happen rather than actors: "the meeting in Dushanbe", "the crash near Aktau".
    public var thirdParty: Bool = true
    /// Whether the report lists the entity at all. `false` (gazetteer `reported = false`) for
    /// treaties and documents ("the Moscow Declaration", "the trilateral statement"), which the
    /// codebook does not count as entities: they are still matched, so that their words are not
    /// read as other names ("Moscow" in "Moscow Declaration"), but never reported.
    public var reported: Bool = true
    public var note: String?
    public var file: String
    public var line: Int
}
