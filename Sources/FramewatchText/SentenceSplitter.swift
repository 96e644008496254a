/// Sentence boundaries from the word tokens, following the Unicode sentence-break rules
/// (UAX #29, the rules ICU's sentence iterator implements) with an abbreviation list:
///
/// - a line break (LF, CR, CRLF, VT, FF, NEL, LS, PS) ends a sentence (UAX #29 SB4), except a
///   single line break inside a sentence of hard-wrapped text (wire copy, e-mail, PDF
///   extraction: ``isSoftBreak(_:_:_:wrapped:)``), which is read as a space;
/// - `?`, `!`, `‼`, `。`, `？`, `！` end a sentence, with any closing quotes or brackets after them
///   (SB9–SB11), except before a dash and a lower-case word (Russian direct speech: «Нет!» — ответил он);
/// - `.` and `…` end a sentence unless the next word starts with a lower-case letter (SB8), the
///   word before is a known abbreviation (`Mr`, `Dr`, `Gen`, `U.S`, `г`, `т.е`, `млн`, `prof`…) or a
///   single letter (an initial: `V. Putin`);
/// - a `.` with no space after it ends a sentence where two sentences lost the space between
///   them in scraping ("said.The", "Турции.Напомним": the segmenter splits such words,
///   `Segmenter.gluedDot`), but not in a domain ("News.Az") or after an abbreviation ("Mr.Putin").
///
/// - a run of more than ``maximumTokens`` tokens without a boundary (a text without punctuation,
///   a hostile input) is cut before the next word that follows white space, so the per-sentence
///   work of the scorer stays bounded; no real sentence is that long.
///
/// Why not ICU's sentence iterator: a second ICU pass over the text costs more than the word
/// pass (measured: it doubled segmentation time), and its English suppressions still break after
/// "Dr.". Working on the tokens the word pass already produced costs almost nothing.
enum SentenceSplitter {
    /// Lower-case abbreviations (without their final dot) after which `.` does not end a sentence.
    static let abbreviations: Set<[UInt8]> = Set(
        [
            // English titles, ranks, months and Latin
            "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
            "st",
            "jr", "sr", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "est", "fig",
            "pres", "hon", "rev", "ave", "mt", "ft", "vol", "pp", "ed",
            // Russian
            "г", "гг", "им", "ул", "д", "млн", "млрд", "тыс", "руб", "долл", "см", "др", "пр", "т.е", "т.к", "т.д",
            "т.п",
            "проф", "акад", "ген", "ст", "обл", "р", "пос", "с", "т", "е", "к", "п", "н.э", "в", "вв", "стр", "рис",
            "ред", "изд", "гос", "зам", "пред",
            // Azerbaijani
            "prof", "məs", "mln", "mlrd", "min", "red", "akad", "gen", "küç", "ş", "r", "b", "s", "və s", "y", "il",
            "dos",
        ].map { Array($0.utf8) })

    /// The longest run of tokens without a boundary (see the type's documentation).
    static let maximumTokens = 400

    static func boundaries(_ buffer: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> [Int32] {
        let wrapped = isHardWrapped(buffer, tokens)
        var result: [Int32] = []
        var pending: Pending = .none
        var previousEnd: Int32 = 0
        // Where the current sentence began (a break is recorded at the start of the token it
        // precedes, while looking at that token or at the one after it).
        var sentenceStart = 0
        var breaksSeen = 0
        for (index, token) in tokens.enumerated() {
            if result.count != breaksSeen {
                breaksSeen = result.count
                sentenceStart = index - 1
            }
            if index - sentenceStart >= maximumTokens && token.spaceBefore && token.lineBreaksBefore == 0 {
                result.append(token.byteStart)
                breaksSeen = result.count
                sentenceStart = index
                pending = .none
            }
            if token.lineBreaksBefore > 0
                && !(pending == .none && isSoftBreak(buffer, tokens, index, wrapped: wrapped))
            {
                if previousEnd > 0 { result.append(token.byteStart) }
                pending = .none
                previousEnd = token.byteEnd
                if token.kind == .punctuation { pending = terminator(buffer, token, tokens, index) }
                continue
            }
            switch pending {
            case .none:
                break
            case .strong:
                if token.kind == .punctuation && !token.spaceBefore && isClosing(buffer, token) {
                    previousEnd = token.byteEnd
                    continue
                }
                // Direct speech: «Нет!» — ответил он. The dash and a lower-case word continue it.
                let continues =
                    isDash(buffer, token) && index + 1 < tokens.count && startsLowercase(buffer, tokens[index + 1])
                if !continues { result.append(token.byteStart) }
                pending = .none
            case .weak:
                if token.kind == .punctuation && !token.spaceBefore && isClosing(buffer, token) {
                    previousEnd = token.byteEnd
                    continue
                }
                // SB8: no break before a lower-case word; a break needs white space (SB7/SB11), or
                // a lost one ("said.The", split by the segmenter: `Segmenter.gluedDot`).
                if ((token.spaceBefore && !startsLowercase(buffer, token)) || isGlued(buffer, tokens, index))
                    && !isInsideShortTitle(buffer, tokens, index, from: sentenceStart)
                {
                    result.append(token.byteStart)
                }
                pending = .none
            }
            if token.kind == .punctuation { pending = terminator(buffer, token, tokens, index) }
            previousEnd = token.byteEnd
        }
        return result
    }

    enum Pending { case none, strong, weak }

    /// Whether the single line break before `tokens[index]` continues the sentence, as a space
    /// would: the line before it does not end on sentence punctuation (it ends on a word, a
    /// number, a comma, a semicolon or a hyphen), and either the next line goes on in lower case
    /// ("Moscow refused\nto apologise") or the whole text is hard-wrapped, where a line break
    /// falls wherever the line ran out ("…downing of the\nAzerbaijan Airlines plane"). A headline
    /// over a lead ("…parade in Moscow\nWhen principles…") stays a break in text that is not.
    static func isSoftBreak(_ buffer: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int, wrapped: Bool)
        -> Bool
    {
        guard index > 0, tokens[index].lineBreaksBefore == 1 else { return false }
        let previous = tokens[index - 1]
        switch previous.kind {
        case .word, .number: break
        case .punctuation:
            let b = buffer[Int(previous.byteStart)]
            guard previous.byteEnd - previous.byteStart == 1, b == 0x2C || b == 0x3B || b == 0x2D else { return false }
        case .symbol: return false
        }
        return wrapped || startsLowercase(buffer, tokens[index])
    }

    /// Whether the text is hard-wrapped: at least two single line breaks fall inside sentences
    /// (the next line goes on in lower case after a line that does not end a sentence), and they
    /// are at least half of the single line breaks after such lines.
    static func isHardWrapped(_ buffer: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        var open = 0
        var lowercase = 0
        for index in tokens.indices.dropFirst() where tokens[index].lineBreaksBefore == 1 {
            let previous = tokens[index - 1]
            guard previous.kind == .word || previous.kind == .number else { continue }
            open += 1
            if startsLowercase(buffer, tokens[index]) { lowercase += 1 }
        }
        return lowercase >= 2 && 2 * lowercase >= open
    }

    /// Whether a punctuation token ends a sentence: `.`/`…` weakly (depends on what follows and
    /// precedes), `?`/`!` strongly.
    static func terminator(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token, _ tokens: [Token], _ index: Int)
        -> Pending
    {
        let start = Int(token.byteStart)
        let end = Int(token.byteEnd)
        let b = buffer[start]
        if b == 0x3F || b == 0x21 { return .strong }
        if end - start == 3 && b == 0xEF && buffer[start + 1] == 0xBC
            && (buffer[start + 2] == 0x81 || buffer[start + 2] == 0x9F)
        {
            return .strong  // ！ ？
        }
        // 。 and ‼
        if end - start == 3 && b == 0xE3 && buffer[start + 1] == 0x80 && buffer[start + 2] == 0x82 { return .strong }
        if end - start == 3 && b == 0xE2 && buffer[start + 1] == 0x80 && buffer[start + 2] == 0xBC { return .strong }
        let isDot = b == 0x2E
        let isEllipsis = end - start == 3 && b == 0xE2 && buffer[start + 1] == 0x80 && buffer[start + 2] == 0xA6
        guard isDot || isEllipsis else { return .none }
        // The word right before the dot (no space between): an abbreviation or an initial?
        if isDot && index > 0 {
            let previous = tokens[index - 1]
            if previous.byteEnd == token.byteStart && previous.kind == .word {
                if isAbbreviation(buffer, previous) {
                    // "No. 5", "pp. 3", "vol. 2" abbreviate only before a number: "…, she said
                    // no. Then…" ends a sentence.
                    let beforeNumber = index + 1 < tokens.count && tokens[index + 1].kind == .number
                    if !beforeNumber && isNumberAbbreviation(buffer, previous) { return .weak }
                    return .none
                }
            }
        }
        return .weak
    }

    /// Abbreviations of words that are also ordinary words, which stand before a number.
    static let numberAbbreviations: [[UInt8]] = ["no", "nos", "pp", "vol", "fig"].map { Array($0.utf8) }

    static func isNumberAbbreviation(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let word = buffer[Int(token.byteStart)..<Int(token.byteEnd)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return numberAbbreviations.contains(word)
    }

    /// The abbreviations packed into integers (lower-case UTF-8, at most 8 bytes).
    static let packedAbbreviations: Set<UInt64> = Set(abbreviations.compactMap { pack($0[...]) })

    static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var v: UInt64 = 0
        for (i, b) in bytes.enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    /// A single letter (an initial, "V. Putin") or a listed abbreviation. Lower-cases ASCII and
    /// Russian capitals in place, without allocating.
    static func isAbbreviation(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let start = Int(token.byteStart)
        let end = Int(token.byteEnd)
        let length = end - start
        guard length <= 8 else { return false }
        if token.end - token.start == 1 { return true }
        if isInitials(buffer[start..<end]) { return true }
        var v: UInt64 = 0
        var i = start
        var shift: UInt64 = 0
        while i < end {
            var b = buffer[i]
            if b >= 0x41 && b <= 0x5A {
                b += 0x20
            } else if b == 0xD0 && i + 1 < end {
                // А–П → а–п (D0 90–9F → D0 B0–BF); Р–Я → р–я (D0 A0–AF → D1 80–8F)
                let c = buffer[i + 1]
                if c >= 0x90 && c <= 0x9F {
                    v |= UInt64(0xD0) << shift
                    v |= UInt64(c + 0x20) << (shift + 8)
                    shift += 16
                    i += 2
                    continue
                } else if c >= 0xA0 && c <= 0xAF {
                    v |= UInt64(0xD1) << shift
                    v |= UInt64(c - 0x20) << (shift + 8)
                    shift += 16
                    i += 2
                    continue
                }
            }
            v |= UInt64(b) << shift
            shift += 8
            i += 1
        }
        return packedAbbreviations.contains(v)
    }

    /// Two or more initials written together ("I.M" of "I.M. Sechenov", "М.В" of «М.В.
    /// Ломоносова»): capital letters, each followed by a dot but the last (whose dot is the
    /// next token).
    static func isInitials(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        // Most words before a full stop hold no dot: no text is built for them (this runs at
        // nearly every sentence end).
        guard bytes.count >= 3, bytes.contains(0x2E) else { return false }
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        guard scalars.count >= 3, scalars.count % 2 == 1 else { return false }
        for (i, scalar) in scalars.enumerated() {
            if i % 2 == 1 {
                guard scalar == "." else { return false }
            } else {
                guard scalar.properties.isUppercase else { return false }
            }
        }
        return true
    }

    /// Whether `tokens[index]` is the second sentence of two that lost the space between them:
    /// a word, a full stop and this word written together, which ``Segmenter`` split at a glued
    /// full stop.
    static func isGlued(_ buffer: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int) -> Bool {
        guard index >= 2, tokens[index].kind == .word, !tokens[index].spaceBefore else { return false }
        let dot = tokens[index - 1]
        let before = tokens[index - 2]
        guard before.kind == .word, dot.byteStart == before.byteEnd, tokens[index].byteStart == dot.byteEnd else {
            return false
        }
        return Segmenter.gluedDot(buffer, from: Int(before.byteStart), to: Int(tokens[index].byteEnd))
            == Int(dot.byteStart)
    }

    /// Whether the token after a dot stands inside a short title in guillemets that the dot
    /// does not end: «Новая газета. Европа», «Azərbaycan. Gündəm» — a guillemet opened at most
    /// ``titleReach`` tokens before and closed at most as many after, with no sentence mark
    /// between. A quotation of whole sentences runs longer and still splits.
    static func isInsideShortTitle(
        _ buffer: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int, from start: Int
    )
        -> Bool
    {
        func guillemet(_ t: Token) -> UInt8? {
            guard t.byteEnd - t.byteStart == 2, buffer[Int(t.byteStart)] == 0xC2 else { return nil }
            let b = buffer[Int(t.byteStart) + 1]
            return b == 0xAB || b == 0xBB ? b : nil
        }
        var opened = false
        var back = index - 1  // the dot, or a mark closing after it (then the title is closed)
        while back >= max(start, index - 2 - titleReach) {
            if let g = guillemet(tokens[back]) {
                opened = g == 0xAB
                break
            }
            back -= 1
        }
        guard opened else { return false }
        for forward in index..<min(tokens.count, index + titleReach) {
            let t = tokens[forward]
            if t.lineBreaksBefore > 0 { return false }
            if let g = guillemet(t) { return g == 0xBB }
            if t.kind == .punctuation && terminator(buffer, t, tokens, forward) != .none { return false }
        }
        return false
    }

    /// How far a title in guillemets reaches on each side of a dot inside it, in tokens.
    static let titleReach = 3

    static func isClosing(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard let scalar = UTF8Decoding.decode(buffer, at: Int(token.byteStart)).scalar else { return false }
        switch scalar.properties.generalCategory {
        case .closePunctuation, .finalPunctuation: return true
        default: return scalar == "\"" || scalar == "'" || scalar == "”" || scalar == "»" || scalar == "’"
        }
    }

    static func isDash(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .punctuation, let scalar = UTF8Decoding.decode(buffer, at: Int(token.byteStart)).scalar
        else {
            return false
        }
        return scalar.properties.generalCategory == .dashPunctuation
    }

    static func startsLowercase(_ buffer: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard let scalar = UTF8Decoding.decode(buffer, at: Int(token.byteStart)).scalar else { return false }
        return scalar.properties.isLowercase
    }
}
