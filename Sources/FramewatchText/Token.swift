/// What a token is, as the matcher and the rules see it.
public enum TokenKind: String, Codable, Sendable {
    /// Letters (ICU word status "letter", "kana" or "ideographic"): `Mammadyarov`, `didn't`.
    case word
    /// Digits, possibly with separators: `3.5`, `1,200.50`.
    case number
    /// Punctuation: `.`, `,`, `«`, `—`, `"`.
    case punctuation
    /// Anything else that is not white space: `$`, `%`, emoji, invalid bytes.
    case symbol
}

/// One token of a ``SegmentedText``: where it is, in UTF-8 bytes and in Unicode scalars, and what kind.
///
/// Offsets refer to the original input. Scalar offsets count Unicode scalars, with each maximal
/// invalid UTF-8 subpart counting as one scalar (U+FFFD), so that `text[start:end]` in Python (or
/// slicing `String(decoding:as:)` by scalars in Swift) gives the token back.
public struct Token: Sendable, Hashable {
    /// UTF-8 byte offset of the first byte.
    public var byteStart: Int32
    /// UTF-8 byte offset one past the last byte.
    public var byteEnd: Int32
    /// Unicode-scalar offset of the first scalar.
    public var start: Int32
    /// Unicode-scalar offset one past the last scalar.
    public var end: Int32
    /// What the token is.
    public var kind: TokenKind
    /// How many line breaks the white space before the token holds (capped at 2: 1 = a new
    /// line, 2 = a blank line, i.e. a new paragraph).
    public var lineBreaksBefore: UInt8
    /// True when white space separates the token from the one before it.
    public var spaceBefore: Bool

    public init(
        byteStart: Int32, byteEnd: Int32, start: Int32, end: Int32, kind: TokenKind, lineBreaksBefore: UInt8 = 0,
        spaceBefore: Bool = false
    ) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.start = start
        self.end = end
        self.kind = kind
        self.lineBreaksBefore = lineBreaksBefore
        self.spaceBefore = spaceBefore
    }

    /// The byte range, for slicing the UTF-8 buffer.
    public var byteRange: Range<Int> { Int(byteStart)..<Int(byteEnd) }

    /// True for words and numbers, the tokens lexicon entries are made of.
    public var isWordLike: Bool { kind == .word || kind == .number }
}
