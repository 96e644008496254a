import CICU

/// Splits UTF-8 text into sentences and tokens with ICU's word rules, over the caller's own bytes.
///
/// A segmenter owns one ICU word break iterator and reuses it (and its scratch buffers) for
/// every text (sentences come from ``SentenceSplitter`` over the tokens). Create one per worker
/// thread, not per document. It is not
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
    private var ends = [Int32](repeating: 0, count: 4096)
    private var statuses = [Int32](repeating: 0, count: 4096)
    private let guesser = LanguageGuesser()

    /// Opens the word break iterator. `fastWordBreak` (the default) lets the C layer apply ICU's
    /// word rules itself to text made of common Latin, Cyrillic, digit, punctuation and space
    /// characters and hand everything else to ICU; the boundaries and rule statuses are the same
    /// as ICU's (tested on every corpus text and on random mixed strings), about three times
    /// faster. `false` sends every character through ICU.
    public init(fastWordBreak: Bool = true) throws {
        var status: Int32 = 0
        guard let words = fw_breaker_open(Int32(FW_BREAK_WORD), "en", &status) else {
            throw SegmenterError.icuUnavailable(what: "word break iterator", code: status)
        }
        fw_breaker_set_fast_path(words, fastWordBreak ? 1 : 0)
        self.words = words
    }

    deinit {
        fw_breaker_close(words)
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
            let sentenceEnds = SentenceSplitter.boundaries(buffer, tokens: tokens)
            // Scraped text often separates paragraphs by a single line break and has no blank
            // line at all: then a line break that ends a sentence starts a paragraph (not one the
            // splitter read as a space, nor any in hard-wrapped text), and a first line that does
            // not end in a full stop is the headline.
            let singleBreaks =
                !tokens.contains { $0.lineBreaksBefore >= 2 } && !SentenceSplitter.isHardWrapped(buffer, tokens)
            let paragraphStarts =
                singleBreaks
                ? Self.lineStarts(tokens, sentenceEnds: sentenceEnds) : Self.paragraphStarts(tokens)
            let headlineEnd =
                singleBreaks
                ? Self.firstLineHeadline(buffer, tokens, paragraphStarts: paragraphStarts)
                : Self.headlineEnd(tokens, paragraphStarts: paragraphStarts)
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
        // White space between tokens: line breaks (LF, CRLF and lone CR count once each; VT, FF,
        // NEL, LS, PS too) and whether there was any.
        var lineBreaks: UInt8 = 0
        var space = false
        var mayHaveDots = false
        var lastWasCR = false
        // Local buffers: accessing the class's arrays inside the loop would cost a dynamic
        // exclusivity check per token. They are moved out and back, not assigned: a shared
        // buffer is copied (16 KB each) on its first write, once per text, and the pack compiler
        // segments every lexicon term (those copies were 30 % of start-up, measured with callgrind).
        var endsBuffer: [Int32] = []
        var statusBuffer: [Int32] = []
        swap(&endsBuffer, &ends)
        swap(&statusBuffer, &statuses)
        defer {
            swap(&endsBuffer, &ends)
            swap(&statusBuffer, &statuses)
        }
        let breaker = words
        while true {
            let n = Int(fw_breaker_next_batch(breaker, &endsBuffer, &statusBuffer, capacity))
            if n == 0 { break }
            for i in 0..<n {
                let end = endsBuffer[i]
                defer { start = end }
                let kind: TokenKind
                let rule = statusBuffer[i]
                if rule >= FW_WORD_LETTER {
                    kind = .word
                } else if rule >= FW_WORD_NUMBER {
                    kind = .number
                } else {
                    guard let k = Self.classifyOther(buffer, at: Int(start)) else {
                        // White space (or a lone zero-width character): note line breaks.
                        space = true
                        var j = Int(start)
                        while j < Int(end) {
                            let b = buffer[j]
                            if b == 0x0A {
                                if !lastWasCR && lineBreaks < 2 { lineBreaks += 1 }
                                lastWasCR = false
                            } else if b == 0x0D || b == 0x0B || b == 0x0C {
                                if lineBreaks < 2 { lineBreaks += 1 }
                                lastWasCR = b == 0x0D
                            } else if (b == 0xC2 && j + 1 < buffer.count && buffer[j + 1] == 0x85)
                                || (b == 0xE2 && j + 2 < buffer.count && buffer[j + 1] == 0x80
                                    && (buffer[j + 2] == 0xA8 || buffer[j + 2] == 0xA9))
                            {
                                if lineBreaks < 2 { lineBreaks += 1 }
                                lastWasCR = false
                            } else if b != 0x20 && b != 0x09 {
                                lastWasCR = false
                            }
                            j += 1
                        }
                        continue
                    }
                    kind = k
                }
                let s = Int32(counter.scalars(upTo: Int(start)))
                let e = Int32(counter.scalars(upTo: Int(end)))
                // A full stop inside a word may follow an initial ("В.Путин") or join two sentences
                // that lost the space between them ("said.The"): rare, so such words are split
                // after the loop.
                if kind == .word && end &- start >= 4 && !mayHaveDots {
                    let p = buffer.baseAddress.unsafelyUnwrapped
                    var j = Int(start) + 1
                    while j < Int(end) - 2 {
                        if p[j] == 0x2E {
                            mayHaveDots = true
                            break
                        }
                        j += 1
                    }
                }
                tokens.append(
                    Token(
                        byteStart: start, byteEnd: end, start: s, end: e, kind: kind, lineBreaksBefore: lineBreaks,
                        spaceBefore: space))
                lineBreaks = 0
                space = false
                lastWasCR = false
            }
        }
        return mayHaveDots ? Self.splittingDots(tokens, buffer) : tokens
    }

    /// Splits words at two kinds of full stop ICU keeps inside a word (a letter on each side is
    /// one word by its rules, as in "e.g" and "Report.az"):
    ///
    /// - "В.Путин", "İ.Əliyev": an initial, its full stop and the surname (``initialDot(_:from:to:)``),
    ///   so that the surname is read as a name;
    /// - "said.The", "Турции.Напомним", "alır.Qeyd": two sentences whose space was lost when the
    ///   page was scraped (``gluedDot(_:from:to:)``), so that the sentence splitter can end the
    ///   first (``SentenceSplitter``) and the second word is read as a word.
    ///
    /// Each becomes three tokens (a word, a full stop, the rest). Offsets stay exact: the scalars
    /// before the stop are counted within the word.
    private static func splittingDots(_ tokens: [Token], _ buffer: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count + 8)
        for token in tokens {
            var rest = token
            // (Most words of such a text have no full stop: look for one before decoding.)
            while rest.kind == .word,
                buffer[Int(rest.byteStart)..<Int(rest.byteEnd)].contains(0x2E),
                let dot = initialDot(buffer, from: Int(rest.byteStart), to: Int(rest.byteEnd))
                    ?? gluedDot(buffer, from: Int(rest.byteStart), to: Int(rest.byteEnd))
            {
                var scalars: Int32 = 0
                for i in Int(rest.byteStart)..<dot where buffer[i] & 0xC0 != 0x80 { scalars += 1 }
                let d = rest.start + scalars
                out.append(
                    Token(
                        byteStart: rest.byteStart, byteEnd: Int32(dot), start: rest.start, end: d, kind: .word,
                        lineBreaksBefore: rest.lineBreaksBefore, spaceBefore: rest.spaceBefore))
                out.append(
                    Token(
                        byteStart: Int32(dot), byteEnd: Int32(dot + 1), start: d, end: d + 1, kind: .punctuation,
                        lineBreaksBefore: 0, spaceBefore: false))
                rest = Token(
                    byteStart: Int32(dot + 1), byteEnd: rest.byteEnd, start: d + 1, end: rest.end, kind: .word,
                    lineBreaksBefore: 0, spaceBefore: false)
            }
            out.append(rest)
        }
        return out
    }

    /// Where the full stop after an initial is, when the word from `from` to `to` is an initial, a
    /// full stop and a capitalised name ("В.Путин", "Z.Səfərov": one upper-case letter, ".", an
    /// upper-case letter and a lower-case one), or two initials and a name ("В.В.Путин"); nil
    /// otherwise ("U.S", "U.S.A", "Report.az", "e.g").
    @inline(__always)
    static func initialDot(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        // A one-letter initial is one to three bytes: look for the stop there before decoding.
        guard end - from >= 4,
            buffer[from + 1] == 0x2E || buffer[from + 2] == 0x2E || (end - from > 4 && buffer[from + 3] == 0x2E)
        else { return nil }
        let initial = UTF8Decoding.decode(buffer, at: from)
        let dot = from + initial.length
        guard let i = initial.scalar, dot + 2 < end, buffer[dot] == 0x2E, i.properties.isUppercase else { return nil }
        let capital = UTF8Decoding.decode(buffer, at: dot + 1)
        guard let c = capital.scalar, c.properties.isUppercase, dot + 1 + capital.length < end,
            let next = UTF8Decoding.decode(buffer, at: dot + 1 + capital.length).scalar
        else { return nil }
        if next.properties.isLowercase { return dot }
        // Two initials ("В.В.Путин"): the second must lead to a name as well ("U.S.A" does not).
        return next == "." && initialDot(buffer, from: dot + 1, to: end) != nil ? dot : nil
    }

    /// Where a full stop joins two sentences inside the word from `from` to `to`: at least two
    /// letters ending in a lower-case one before it, and after it a capital, a lower-case letter
    /// and at least one more letter ("said.The", "России.Нельзя", "alır.Qeyd"); nil otherwise.
    /// An outlet's domain stays whole ("News.Az", "Day.Az": two letters after the stop;
    /// "Yurd.Media", "Report.az"), and so do abbreviations ("e.g", "U.S.A", "т.е").
    static func gluedDot(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var i = from
        var letters = 0
        var lastLower = false
        while i < end {
            if buffer[i] == 0x2E {
                if letters >= 2 && lastLower, let next = wordAfterGlue(buffer, from: i + 1, to: end) {
                    return next
                }
                letters = 0
                lastLower = false
                i += 1
                continue
            }
            let d = UTF8Decoding.decode(buffer, at: i)
            guard let scalar = d.scalar, scalar.properties.isAlphabetic else { return nil }
            letters += 1
            lastLower = scalar.properties.isLowercase
            i += d.length
        }
        return nil
    }

    /// The full stop at `from - 1` when what follows it up to the next full stop or `end` starts a
    /// sentence: a capital, then at least two lower-case letters, and not a domain word.
    private static func wordAfterGlue(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var i = from
        var count = 0
        var key: [UInt8] = []
        while i < end && buffer[i] != 0x2E {
            let d = UTF8Decoding.decode(buffer, at: i)
            guard let scalar = d.scalar else { return nil }
            if count == 0 {
                guard scalar.properties.isUppercase else { return nil }
            } else if count <= 2 {
                guard scalar.properties.isLowercase else { return nil }
            }
            if count < 8 {
                for b in buffer[i..<(i + d.length)] { key.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            }
            count += 1
            i += d.length
        }
        guard count >= 3, !domainWords.contains(key) else { return nil }
        return from - 1
    }

    /// Words of three letters or more that follow a full stop in outlet names and domains
    /// ("Yurd.Media", "Bizim.Media"; two-letter ones such as "Az" never count as a sentence start).
    static let domainWords: Set<[UInt8]> = Set(
        ["media", "news", "info", "press", "online", "com", "net", "org", "biz", "today"].map { Array($0.utf8) })

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

    /// Byte offsets where paragraphs start: the first token, and every token after a blank line.
    static func paragraphStarts(_ tokens: [Token]) -> [Int32] {
        var starts: [Int32] = [0]
        for token in tokens.dropFirst() where token.lineBreaksBefore >= 2 { starts.append(token.byteStart) }
        return starts
    }

    /// Byte offsets where paragraphs start in a text without blank lines: the first token, and
    /// every token after a line break where a sentence also starts.
    static func lineStarts(_ tokens: [Token], sentenceEnds: [Int32]) -> [Int32] {
        var starts: [Int32] = [0]
        var next = 0
        for token in tokens.dropFirst() where token.lineBreaksBefore >= 1 {
            while next < sentenceEnds.count && sentenceEnds[next] < token.byteStart { next += 1 }
            if next < sentenceEnds.count && sentenceEnds[next] == token.byteStart { starts.append(token.byteStart) }
        }
        return starts
    }

    /// In a text without blank lines, the end of the headline: the first line, when it is a
    /// paragraph of its own that does not end in a full stop and more text follows.
    static func firstLineHeadline(_ buffer: UnsafeBufferPointer<UInt8>, _ tokens: [Token], paragraphStarts: [Int32])
        -> Int32?
    {
        guard paragraphStarts.count > 1, let first = tokens.first else { return nil }
        var last = first
        for token in tokens.dropFirst() {
            if token.byteStart == paragraphStarts[1] { break }
            if token.lineBreaksBefore > 0 { return nil }
            last = token
        }
        let endsInStop =
            last.kind == .punctuation && last.byteEnd - last.byteStart == 1 && buffer[Int(last.byteStart)] == 0x2E
        return endsInStop ? nil : last.byteEnd
    }

    /// The end of the headline: the first line, when a blank line follows it and more text follows that.
    static func headlineEnd(_ tokens: [Token], paragraphStarts: [Int32]) -> Int32? {
        guard paragraphStarts.count > 1, let first = tokens.first else { return nil }
        var end = first.byteEnd
        for token in tokens.dropFirst() {
            if token.lineBreaksBefore >= 2 { return end }
            if token.lineBreaksBefore == 1 { return nil }  // the first paragraph has more than one line
            end = token.byteEnd
        }
        return nil
    }

    /// Groups tokens into sentences. A sentence also ends at a paragraph start.
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
