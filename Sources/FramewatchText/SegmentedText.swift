/// A text split into sentences and tokens, with offsets into its original UTF-8 bytes.
///
/// Produced by ``Segmenter/segment(_:language:)``. The bytes are kept as given (invalid UTF-8
/// included) so every offset refers to the caller's input.
public struct SegmentedText: Sendable {
    /// The input, byte for byte.
    public let bytes: [UInt8]
    /// Every non-white-space token, in text order.
    public internal(set) var tokens: [Token]
    /// Every sentence that has at least one token, in text order.
    public internal(set) var sentences: [Sentence]
    /// Number of paragraphs (blocks separated by blank lines) that contain text.
    public internal(set) var paragraphCount: Int
    /// False when the input contained invalid UTF-8 (it is still segmented; bad bytes become
    /// `symbol` tokens and count as one U+FFFD scalar per maximal invalid subpart).
    public let isValidUTF8: Bool
    /// Total number of Unicode scalars (invalid subparts counted as one each).
    public internal(set) var scalarCount: Int

    /// The token's text (invalid bytes replaced by U+FFFD).
    public func text(of token: Token) -> String {
        String(decoding: bytes[token.byteRange], as: UTF8.self)
    }

    /// The text between two byte offsets (invalid bytes replaced by U+FFFD).
    public func text(bytes range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The sentence's text.
    public func text(of sentence: Sentence) -> String {
        text(bytes: Int(sentence.byteStart)..<Int(sentence.byteEnd))
    }

    /// The scalar of a one-character punctuation token (a quotation mark, a comma), or nil for
    /// any other token. Decodes in place: no `String` is built.
    public func punctuationMark(_ token: Token) -> Unicode.Scalar? {
        guard token.kind == .punctuation, token.end - token.start == 1 else { return nil }
        return bytes.withUnsafeBufferPointer { UTF8Decoding.decodeScalar($0, at: Int(token.byteStart)).scalar }
    }

    /// The lead paragraph: the first after the headline when the text has one, else the first.
    public var leadParagraph: Int { (sentences.first?.isHeadline ?? false) ? 1 : 0 }

    /// The document's main language: the one covering most word tokens.
    public var dominantLanguage: Language {
        var counts: [Language: Int] = [:]
        for s in sentences { counts[s.language, default: 0] += s.tokens.count }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? .en
    }
}
