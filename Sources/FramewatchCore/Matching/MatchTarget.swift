/// What a lexicon path leads to: a cue, a sentiment word, a rule word, or an entity alias.
public struct MatchTarget: Sendable, Hashable {
    /// The independent layers of matching: within a layer, the longest match wins and matches do
    /// not overlap; across layers they may (a cue can also carry sentiment).
    public enum Layer: UInt8, Sendable, CaseIterable {
        case frame, sentiment, rule, entity
    }

    /// How an entity alias was written in the gazetteer.
    public enum AliasForm: UInt8, Sendable {
        /// A full, unambiguous name.
        case name
        /// A short form that may be shared (bare surname).
        case short
        /// An adjective or demonym (`Russian`, `российский`, `rus`).
        case adjective
        /// A person's surname taken from a full name when the gazetteer declares no short form of
        /// it: it names the person only after a full name in the same text ("Leonid Kalashnikov …
        /// Kalashnikov"), never alone ("автомат Калашникова").
        case surname
    }

    public var layer: Layer
    /// Index into ``CompiledLexicon/entries`` (frame, sentiment, rule) or ``CompiledLexicon/entities``.
    public var index: Int32
    /// For entities: how the alias was listed.
    public var form: AliasForm
    /// For adjective aliases: the script they were written in (``CompiledLexicon/latinScript`` or
    /// ``CompiledLexicon/cyrillicScript``); they match words of that script only. An adjective is a
    /// word of its own language (`Russian`, `российский`, `rus`, `sovet`): transliterated into the
    /// other script it is another word (Russian `совет`, "council", is not Azerbaijani `sovet`,
    /// "Soviet"). `0xFF` (names, short forms, terms): any script.
    public var script: UInt8 = 0xFF
    /// For entity aliases: the letter case the alias's first word demands (``LetterCase``). The
    /// trie keeps the loosest demand of the aliases that share a node ("азербайджанское", an
    /// adjective of Azerbaijan, shares its node with the name "Азербайджанское телевидение"), so a
    /// name's own demand is checked again on the target: a lower-case "азербайджанского
    /// телевидения" is Azerbaijani television in general, not AzTV.
    public var firstCase: UInt8 = 0
}
