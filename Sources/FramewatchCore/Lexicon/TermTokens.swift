import FramewatchText

/// One token of a compiled term: its fold key, and whether it is a `stem*` prefix.
struct TermToken: Hashable, Sendable {
    var key: [UInt8]
    var isPrefix: Bool
}

/// How a term is tokenised: by the same segmenter as the text, so that a term matches exactly
/// what `framewatch tokenize` shows for the text.
enum TermTokens {
    /// Tokens the matcher ignores inside multiword matches: hyphens and dashes, so that
    /// `North-South` and `north south` meet.
    static func isJoiner(_ key: [UInt8]) -> Bool { key == [0x2D] || key == [0x2F] }

    /// Tokenises `term`. A trailing `*` makes the last token a prefix. Fails with a reason when
    /// the term can never match.
    static func tokenize(_ term: String, segmenter: Segmenter) -> Result<[TermToken], TermProblem> {
        var text = term
        var prefix = false
        if text.hasSuffix("*") {
            prefix = true
            text.removeLast()
            if text.hasSuffix(" ") || text.isEmpty {
                return .failure(TermProblem("`*` must follow a stem, as in `obvin*`"))
            }
        }
        if text.contains("*") { return .failure(TermProblem("`*` is allowed only at the end of the last word")) }
        guard let segmented = try? segmenter.segment(text, language: .en) else {
            return .failure(TermProblem("cannot be tokenised"))
        }
        var tokens: [TermToken] = []
        for token in segmented.tokens {
            let key = segmented.bytes.withUnsafeBufferPointer {
                MatchKeys.fold(UnsafeBufferPointer(rebasing: $0[token.byteRange]))
            }
            if isJoiner(key) { continue }
            tokens.append(TermToken(key: key, isPrefix: false))
        }
        guard !tokens.isEmpty else { return .failure(TermProblem("has no letters or digits, so it can never match")) }
        if prefix {
            // The stem must be the whole last token: `don't*` is fine, `e-*` is not.
            guard let last = segmented.tokens.last, last.byteEnd == segmented.bytes.count else {
                return .failure(TermProblem("the tokenizer splits the wildcard stem, so `*` would not apply to a word"))
            }
            tokens[tokens.count - 1].isPrefix = true
            let stem = String(decoding: tokens[tokens.count - 1].key, as: UTF8.self)
            guard stem.unicodeScalars.count >= 3 else {
                return .failure(
                    TermProblem("wildcard stem `\(stem)` is shorter than 3 letters and would match far too much"))
            }
        }
        return .success(tokens)
    }
}

/// Why a term can never match.
struct TermProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
