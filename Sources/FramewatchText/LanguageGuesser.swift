/// Guesses each sentence's language among English, Russian and Azerbaijani from its letters,
/// in one pass over the bytes of its words (no hashing, no strings):
///
/// - Cyrillic letters outnumbering Latin ones: Russian.
/// - Otherwise, the share of words written with letters only Azerbaijani uses among the three
///   (ə ı ş ğ İ, and ç ö ü): at least ``azerbaijaniShare`` of the Latin words → Azerbaijani,
///   else English. An English sentence that names "Məmmədyarov" stays English; an
///   Azerbaijani sentence has such letters in almost every other word.
///
/// Sentences with too little evidence (a name, a number, "AZAL.") take the document's language.
struct LanguageGuesser {
    /// The share of Latin words with Azerbaijani letters that makes a sentence Azerbaijani.
    static let azerbaijaniShare = 0.2
    /// The fewest letters a sentence needs to get its own language.
    static let minimumLetters = 12

    struct Evidence {
        var cyrillic = 0
        var latin = 0
        var latinWords = 0
        var azerbaijaniWords = 0

        var guess: Language? {
            if cyrillic > latin && cyrillic >= 2 { return .ru }
            guard latinWords > 0 else { return nil }
            return Double(azerbaijaniWords) >= Double(latinWords) * LanguageGuesser.azerbaijaniShare ? .az : .en
        }

        var letters: Int { cyrillic + latin }

        mutating func add(_ other: Evidence) {
            cyrillic += other.cyrillic
            latin += other.latin
            latinWords += other.latinWords
            azerbaijaniWords += other.azerbaijaniWords
        }
    }

    func assign(
        _ sentences: inout [Sentence], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, imposed: Language?
    ) {
        if let imposed {
            for i in sentences.indices { sentences[i].language = imposed }
            return
        }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(sentences.count)
        var total = Evidence()
        for sentence in sentences {
            var e = Evidence()
            for t in sentence.tokens where tokens[t].kind == .word {
                Self.collect(&e, bytes: bytes, token: tokens[t])
            }
            evidence.append(e)
            total.add(e)
        }
        let fallback = total.guess ?? .en
        for i in sentences.indices {
            let e = evidence[i]
            if e.letters >= Self.minimumLetters || (e.cyrillic > 0 && e.latin == 0), let guess = e.guess {
                sentences[i].language = guess
            } else {
                sentences[i].language = fallback
            }
        }
    }

    @inline(__always)
    private static func collect(_ e: inout Evidence, bytes: UnsafeBufferPointer<UInt8>, token: Token) {
        var i = Int(token.byteStart)
        let end = Int(token.byteEnd)
        var latin = 0
        var cyrillic = 0
        var azerbaijani = false
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { latin += 1 }
                i += 1
                continue
            }
            guard i + 1 < end else { break }
            let c = bytes[i + 1]
            switch b {
            case 0xD0, 0xD1, 0xD2, 0xD3: cyrillic += 1
            case 0xC9 where c == 0x99: azerbaijani = true  // ə
            case 0xC6 where c == 0x8F: azerbaijani = true  // Ə
            case 0xC4 where c == 0x9F || c == 0x9E || c == 0xB1 || c == 0xB0: azerbaijani = true  // ğ Ğ ı İ
            case 0xC5 where c == 0x9F || c == 0x9E: azerbaijani = true  // ş Ş
            case 0xC3 where c == 0xA7 || c == 0x87 || c == 0xB6 || c == 0x96 || c == 0xBC || c == 0x9C:
                azerbaijani = true  // ç Ç ö Ö ü Ü
            default: break
            }
            if b < 0xD0 { latin += 1 }
            i += b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
        }
        e.latin += latin
        e.cyrillic += cyrillic
        if latin > cyrillic {
            e.latinWords += 1
            if azerbaijani { e.azerbaijaniWords += 1 }
        }
    }
}
