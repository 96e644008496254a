import CICU

/// Splits UTF-8 text into sentences and tokens with ICU, over the caller's own bytes.
///
/// A segmenter owns one ICU word and one sentence break iterator and reuses them (and its
/// scratch buffers) for every text: create one per worker thread, not per document. It is not
/// thread-safe.
///
/// ```swift
/// let segmenter = try Segmenter()
/// let text = segmenter.segment(Array("Мамедъяров заявил. Baku denied it.".utf8))
/// text.sentences.map(\.language)   // [.ru, .en]
/// ```
public final class Segmenter {
    /// The largest text ICU can segment (its offsets are 32-bit).
    public static let maximumBytes = Int(Int32.max) - 1

    private let words: OpaquePointer
    private let sentences: OpaquePointer
    private var ends = [Int32](repeating: 0, count: 4096)
    private var statuses = [Int32](repeating: 0, count: 4096)
    private let guesser = LanguageGuesser()

    public init() throws {
        var status: Int32 = 0
        guard let words = fw_breaker_open(Int32(FW_BREAK_WORD), "en", &status) else {
            throw SegmenterError.icuUnavailable(what: "word break iterator", code: status)
        }
        // `ss=standard` suppresses sentence breaks after common English abbreviations ("Mr.").
        guard let sentences = fw_breaker_open(Int32(FW_BREAK_SENTENCE), "en@ss=standard", &status) else {
            fw_breaker_close(words)
            throw SegmenterError.icuUnavailable(what: "sentence break iterator", code: status)
        }
        self.words = words
        self.sentences = sentences
    }

    deinit {
        fw_breaker_close(words)
        fw_breaker_close(sentences)
    }

    /// Segments `string` (its UTF-8 form).
    public func segment(_ string: String, language: Language? = nil) throws -> SegmentedText {
        try segment(Array(string.utf8), language: language)
    }

    /// Segments UTF-8 bytes, which may be invalid. `language` imposes a language on every
    /// sentence; `nil` detects one per sentence.
    public func segment(_ bytes: [UInt8], language: Language? = nil) throws -> SegmentedText {
        guard bytes.count <= Segmenter.maximumBytes else {
            throw SegmenterError.textTooLarge(bytes: bytes.count, limit: Segmenter.maximumBytes)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            let valid = UTF8Decoding.isValid(buffer)
            var counter = ScalarCounter(buffer, valid: valid)
            let tokens = try tokenize(buffer, counter: &counter)
            let total = counter.scalars(upTo: buffer.count)
            let sentenceEnds = try sentenceBoundaries(buffer)
            let paragraphStarts = Self.paragraphStarts(buffer)
            let headlineEnd = Self.headlineEnd(buffer, paragraphStarts: paragraphStarts)
            var sentences = Self.group(
                tokens, sentenceEnds: sentenceEnds, paragraphStarts: paragraphStarts, headlineEnd: headlineEnd)
            guesser.assign(&sentences, tokens: tokens, bytes: buffer, imposed: language)
            let paragraphs = Set(sentences.map(\.paragraph)).count
            return SegmentedText(
                bytes: bytes, tokens: tokens, sentences: sentences, paragraphCount: paragraphs,
                isValidUTF8: valid, scalarCount: total)
        }
    }

    /// Runs the word break iterator and keeps every segment that is not white space.
    private func tokenize(_ buffer: UnsafeBufferPointer<UInt8>, counter: inout ScalarCounter) throws -> [Token] {
        let status = fw_breaker_set_text(words, buffer.baseAddress, Int64(buffer.count))
        guard status <= 0 else { throw SegmenterError.icuUnavailable(what: "word break text", code: status) }
        var tokens: [Token] = []
        tokens.reserveCapacity(buffer.count / 5 + 8)
        var start: Int32 = 0
        let capacity = Int32(ends.count)
        while true {
            let n = Int(fw_breaker_next_batch(words, &ends, &statuses, capacity))
            if n == 0 { break }
            for i in 0..<n {
                let end = ends[i]
                defer { start = end }
                let kind: TokenKind
                let rule = statuses[i]
                if rule >= FW_WORD_LETTER {
                    kind = .word
                } else if rule >= FW_WORD_NUMBER {
                    kind = .number
                } else {
                    guard let k = Self.classifyOther(buffer, at: Int(start)) else { continue }
                    kind = k
                }
                let s = Int32(counter.scalars(upTo: Int(start)))
                let e = Int32(counter.scalars(upTo: Int(end)))
                tokens.append(Token(byteStart: start, byteEnd: end, start: s, end: e, kind: kind))
            }
        }
        return tokens
    }

    /// Classifies a segment that ICU gave no word status: white space (dropped), punctuation or symbol.
    @inline(__always)
    private static func classifyOther(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> TokenKind? {
        let b = buffer[index]
        if b < 0x80 {
            switch b {
            case 0x09...0x0D, 0x20: return nil
            case 0x21...0x23, 0x25...0x2A, 0x2C...0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B...0x5D, 0x5F, 0x7B, 0x7D:
                return .punctuation
            default: return .symbol
            }
        }
        guard let scalar = UTF8Decoding.decode(buffer, at: index).scalar else { return .symbol }
        let properties = scalar.properties
        if properties.isWhitespace { return nil }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .format:
            // Zero-width characters on their own (ZWSP, ZWJ, BOM) carry no text.
            return nil
        default:
            return .symbol
        }
    }

    /// Byte offsets where ICU ends sentences.
    private func sentenceBoundaries(_ buffer: UnsafeBufferPointer<UInt8>) throws -> [Int32] {
        let status = fw_breaker_set_text(sentences, buffer.baseAddress, Int64(buffer.count))
        guard status <= 0 else { throw SegmenterError.icuUnavailable(what: "sentence break text", code: status) }
        var result: [Int32] = []
        let capacity = Int32(ends.count)
        while true {
            let n = Int(fw_breaker_next_batch(sentences, &ends, nil, capacity))
            if n == 0 { break }
            result.append(contentsOf: ends[0..<n])
        }
        return result
    }

    /// Byte offsets where paragraphs start: offset 0 and the first byte after each run of
    /// blank lines. Line ends may be LF, CRLF or a lone CR.
    static func paragraphStarts(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var starts: [Int32] = [0]
        var i = 0
        let n = buffer.count
        var lineIsBlank = true
        var blankLines = 0
        while i < n {
            let b = buffer[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D && i + 1 < n && buffer[i + 1] == 0x0A { i += 1 }
                if lineIsBlank { blankLines += 1 }
                lineIsBlank = true
            } else if b == 0x20 || b == 0x09 {
                // spaces keep a line blank
            } else {
                if lineIsBlank && blankLines > 0 && Int32(i) > starts.last! {
                    starts.append(Int32(lineStart(buffer, before: i)))
                }
                blankLines = 0
                lineIsBlank = false
            }
            i += 1
        }
        return starts
    }

    private static func lineStart(_ buffer: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var i = index
        while i > 0 && buffer[i - 1] != 0x0A && buffer[i - 1] != 0x0D { i -= 1 }
        return i
    }

    /// The end of the headline: the first non-blank line, when a blank line follows it and more text follows that.
    static func headlineEnd(_ buffer: UnsafeBufferPointer<UInt8>, paragraphStarts: [Int32]) -> Int32? {
        guard paragraphStarts.count > 1 else { return nil }
        var i = 0
        let n = buffer.count
        while i < n, buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0A || buffer[i] == 0x0D { i += 1 }
        while i < n, buffer[i] != 0x0A && buffer[i] != 0x0D { i += 1 }
        // The first line must be the whole first paragraph.
        return i < Int(paragraphStarts[1]) && isBlank(buffer, from: i, to: Int(paragraphStarts[1])) ? Int32(i) : nil
    }

    private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        for i in from..<to where ![0x20, 0x09, 0x0A, 0x0D].contains(buffer[i]) { return false }
        return true
    }

    /// Groups tokens into sentences. A sentence also ends at a paragraph start, whatever ICU said.
    static func group(
        _ tokens: [Token], sentenceEnds: [Int32], paragraphStarts: [Int32], headlineEnd: Int32?
    ) -> [Sentence] {
        var sentences: [Sentence] = []
        var endIndex = 0
        var paragraph = 0
        var first = 0
        func close(_ last: Int) {
            guard first <= last else { return }
            let a = tokens[first]
            let b = tokens[last]
            sentences.append(
                Sentence(
                    byteStart: a.byteStart, byteEnd: b.byteEnd, start: a.start, end: b.end,
                    tokens: first..<(last + 1), language: .en, paragraph: paragraph,
                    isHeadline: headlineEnd.map { b.byteEnd <= $0 } ?? false))
        }
        for (index, token) in tokens.enumerated() {
            var boundary = false
            while endIndex < sentenceEnds.count && sentenceEnds[endIndex] <= token.byteStart {
                endIndex += 1
                boundary = true
            }
            var newParagraph = paragraph
            while newParagraph + 1 < paragraphStarts.count && paragraphStarts[newParagraph + 1] <= token.byteStart {
                newParagraph += 1
            }
            if (boundary || newParagraph != paragraph) && index > first {
                close(index - 1)
                first = index
            }
            paragraph = newParagraph
        }
        close(tokens.count - 1)
        return sentences
    }
}
