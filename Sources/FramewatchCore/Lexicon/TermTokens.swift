import FramewatchText

/// One token of a compiled term: its fold key, and whether it is a `stem*` prefix or a gap
/// (`~`, up to `gap_words` words of any kind between the words around it).
struct TermToken: Hashable, Sendable {
    var key: [UInt8]
    var isPrefix: Bool
    var isGap = false

    /// The `~` of `cancel* ~ visit`.
    static let gap = TermToken(key: [], isPrefix: false, isGap: true)
}

/// How a term is tokenised: by the same segmenter as the text, so that a term matches exactly
/// what `framewatch tokenize` shows for the text.
enum TermTokens {
    /// Tokens the matcher ignores inside multiword matches (their fold keys): hyphens and
    /// slashes, so that `North-South` and `north south` meet, and quotation marks, so that scare
    /// quotes do not break an entry (`«птичья» версия`, `“Kremlin agenti” damğası`, `called the
    /// claims "absurd"` meet `птичья версия`, `kremlin agenti damğası`, `called the claims absurd`).
    static func isTransparent<Key: Collection<UInt8>>(_ key: Key) -> Bool {
        guard key.count <= 3 else { return false }
        return transparentKeys.contains { $0.elementsEqual(key) }
    }

    /// Whether the raw bytes of a token are a quotation mark (`"`, `'`, `«`, `“`, `‘`, …).
    static func isQuotationMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 3 else { return false }
        return quotationMarks.contains { $0.elementsEqual(bytes) }
    }

    static let quotationMarks: [[UInt8]] = ["\"", "'", "«", "»", "“", "”", "„", "‟", "‹", "›", "‚", "‘", "’"].map {
        Array($0.utf8)
    }

    /// ‘ ’ fold to `'`; the other marks are their own keys.
    static let transparentKeys: [[UInt8]] = ["-", "/", "\"", "'", "«", "»", "“", "”", "„", "‟", "‹", "›", "‚"].map {
        Array($0.utf8)
    }

    /// Tokenises `term`. A trailing `*` makes the last token a prefix. Fails with a reason when
    /// the term can never match.
    ///
    /// Most terms are plain words (letters separated by single spaces); for those the result is
    /// computed without ICU's word iterator, which gives the same tokens for them (checked over
    /// every term of the default pack by `TermTokensTests`). `plainFastPath: false` forces ICU.
    static func tokenize(
        _ term: String, segmenter: Segmenter, plainFastPath: Bool = true
    ) -> Result<[TermToken], TermProblem> {
        if term.utf8.contains(0x7E) { return tokenizeGapped(term, segmenter: segmenter, plainFastPath: plainFastPath) }
        var text = term
        var prefix = false
        if text.utf8.last == 0x2A {  // `*`
            prefix = true
            text.removeLast()
            if text.isEmpty || text.utf8.last == 0x20 {
                return .failure(TermProblem("`*` must follow a stem, as in `obvin*`"))
            }
        }
        if text.utf8.contains(0x2A) { return .failure(TermProblem("`*` is allowed only at the end of the last word")) }
        var tokens: [TermToken] = []
        if plainFastPath, let words = plainWords(text) {
            text.withUTF8 { bytes in
                for word in words {
                    tokens.append(
                        TermToken(key: MatchKeys.fold(UnsafeBufferPointer(rebasing: bytes[word])), isPrefix: false))
                }
            }
        } else {
            guard let segmented = try? segmenter.segment(text, language: .en) else {
                return .failure(TermProblem("cannot be tokenised"))
            }
            for token in segmented.tokens {
                let key = segmented.bytes.withUnsafeBufferPointer {
                    MatchKeys.fold(UnsafeBufferPointer(rebasing: $0[token.byteRange]))
                }
                if isTransparent(key) { continue }
                tokens.append(TermToken(key: key, isPrefix: false))
            }
            guard !tokens.isEmpty else {
                return .failure(TermProblem("has no letters or digits, so it can never match"))
            }
            // The stem must be the whole last token: `don't*` is fine, `e-*` is not.
            if prefix, segmented.tokens.last.map({ Int($0.byteEnd) }) != segmented.bytes.count {
                return .failure(TermProblem("the tokenizer splits the wildcard stem, so `*` would not apply to a word"))
            }
        }
        if prefix {
            tokens[tokens.count - 1].isPrefix = true
            let stem = String(decoding: tokens[tokens.count - 1].key, as: UTF8.self)
            guard stem.unicodeScalars.count >= 3 else {
                return .failure(
                    TermProblem("wildcard stem `\(stem)` is shorter than 3 letters and would match far too much"))
            }
        }
        return .success(tokens)
    }

    /// The most gaps an entry may have.
    static let maximumGaps = 2

    /// A term with gaps, `ударил* ~ по нефтебаз*`: the words between the `~`s are tokenised as
    /// terms of their own, and each `~` becomes a ``TermToken/gap``. A gap stands alone between
    /// two words; only the last word may carry `*`.
    private static func tokenizeGapped(
        _ term: String, segmenter: Segmenter, plainFastPath: Bool
    ) -> Result<[TermToken], TermProblem> {
        let words = term.split(separator: " ", omittingEmptySubsequences: false)
        var parts: [[Substring]] = [[]]
        for word in words {
            if word == "~" {
                guard let last = parts.last, !last.isEmpty else {
                    return .failure(TermProblem("`~` (a gap) must stand between two words, as in `cancel* ~ visit`"))
                }
                parts.append([])
            } else if word.utf8.contains(0x7E) {
                return .failure(TermProblem("`~` (a gap) must stand alone, with a space on each side"))
            } else {
                parts[parts.count - 1].append(word)
            }
        }
        guard let last = parts.last, !last.isEmpty else {
            return .failure(TermProblem("`~` (a gap) must stand between two words, as in `cancel* ~ visit`"))
        }
        // Each gap multiplies the paths the matcher follows from a word (up to gap_words + 1
        // each): ten gaps over a sentence of "the the the …" took seconds per sentence.
        guard parts.count - 1 <= maximumGaps else {
            return .failure(
                TermProblem(
                    "has \(parts.count - 1) gaps; an entry may have at most \(maximumGaps) (`~` between its words)"))
        }
        var tokens: [TermToken] = []
        for (i, part) in parts.enumerated() {
            let text = part.joined(separator: " ")
            if i < parts.count - 1 && text.utf8.last == 0x2A {
                return .failure(TermProblem("`*` is allowed only at the end of the last word"))
            }
            switch tokenize(text, segmenter: segmenter, plainFastPath: plainFastPath) {
            case .success(let partTokens):
                if i > 0 { tokens.append(.gap) }
                tokens += partTokens
            case .failure(let problem):
                return .failure(problem)
            }
        }
        return .success(tokens)
    }

    /// The byte ranges of the words of a plain term — one or more words of letters from the
    /// scripts the default packs use (ASCII, Latin-1 and Latin Extended-A letters, `Ə ə`, basic
    /// Cyrillic `Ѐ`–`џ`), separated by single spaces — or nil for anything else. ICU's word rules
    /// keep such a run of letters together and break at each space (UAX #29 WB5, WB3d), so the
    /// words are the tokens.
    static func plainWords(_ text: String) -> [Range<Int>]? {
        var words: [Range<Int>] = []
        var start = 0
        var i = 0
        let utf8 = Array(text.utf8)
        let n = utf8.count
        guard n > 0 else { return nil }
        while i < n {
            let b = utf8[i]
            if b == 0x20 {
                guard i > start else { return nil }  // leading or double space
                words.append(start..<i)
                i += 1
                start = i
                continue
            }
            if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                i += 1
                continue
            }
            guard i + 1 < n else { return nil }
            let c = utf8[i + 1]
            guard c & 0xC0 == 0x80 else { return nil }
            let letter: Bool
            switch b {
            case 0xC3: letter = c >= 0x80 && c != 0x97 && c != 0xB7  // U+00C0–U+00FF except × ÷
            case 0xC4, 0xC5: letter = true  // U+0100–U+017F
            case 0xC6: letter = c == 0x8F  // Ə
            case 0xC9: letter = c == 0x99  // ə
            case 0xD0: letter = true  // U+0400–U+043F
            case 0xD1: letter = c <= 0x9F  // U+0440–U+045F
            default: letter = false
            }
            guard letter else { return nil }
            i += 2
        }
        guard start < n else { return nil }  // trailing space
        words.append(start..<n)
        return words
    }
}

/// Why a term can never match.
struct TermProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
