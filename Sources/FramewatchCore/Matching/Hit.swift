/// One match of the lexicon in a sentence: a path of the trie (or a suffix rule) over a run of tokens.
public struct Hit: Sendable, Hashable {
    public var layer: MatchTarget.Layer
    /// The trie node reached (its targets are the matched entries), or `-1 - entry` for a
    /// suffix-pattern rule word.
    public var node: Int32
    /// Indices of the first and one-past-last tokens in ``FramewatchText/SegmentedText/tokens``.
    public var firstToken: Int32
    public var endToken: Int32
    /// True when a token was matched through a wildcard or a stripped inflectional suffix.
    public var inflected: Bool
    /// The script of the first token (``CompiledLexicon/latinScript`` or
    /// ``CompiledLexicon/cyrillicScript``), for adjective aliases (see ``MatchTarget/script``).
    public var script: UInt8 = 0xFF
    /// True when the entry has a gap (`cancel* ~ visit`): the span includes words that are not
    /// the entry's own, so rule words inside it act on the cue as usual.
    public var gapped = false
    /// The letter case of the first token (``LetterCase``), checked against an entity target's
    /// ``MatchTarget/firstCase``; `0xFF` (any) for hits made outside the matcher.
    public var firstShape: UInt8 = 0xFF
}
