/// One sentence of a ``SegmentedText``, with its language and its place in the document's structure.
public struct Sentence: Sendable, Hashable {
    /// UTF-8 byte offsets of the sentence, trimmed of surrounding white space.
    public var byteStart: Int32
    public var byteEnd: Int32
    /// Unicode-scalar offsets, trimmed like the byte offsets.
    public var start: Int32
    public var end: Int32
    /// The indices of its tokens in ``SegmentedText/tokens``.
    public var tokens: Range<Int>
    /// The language detected for this sentence, or the one the caller imposed.
    public var language: Language
    /// The paragraph it belongs to (0-based; paragraphs are separated by blank lines).
    public var paragraph: Int
    /// True when the sentence is the headline: the first line of the text, followed by a blank line.
    public var isHeadline: Bool
}
