/// Guesses each sentence's language among English, Russian and Azerbaijani from its letters,
/// in one pass over the bytes of its words (no hashing, no strings):
///
/// - Cyrillic letters outnumbering Latin ones: Russian.
/// - Otherwise, the share of words written with letters only Azerbaijani uses among the three
///   (ə ı ş ğ İ, and ç ö ü): at least ``azerbaijaniShare`` of the Latin words → Azerbaijani,
///   else English. An English sentence that names "Məmmədyarov" stays English; an
///   Azerbaijani sentence has such letters in almost every other word. Names are spelled the
///   same in both languages, so the share among the words that start in lower case decides too:
///   a meeting report that is mostly names ("Ceyhun Bayramov Sergey Lavrovla Moskvada görüşüb")
///   is Azerbaijani by its verb; and a sentence with an English function word in lower case
///   ("the", "and", "in", "said"…) is not Azerbaijani by its names alone ("Putin and Əliyev met
///   Şahin Mustafayev in Dushanbe").
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
        /// The Latin words that start with a lower-case letter, and those of them with
        /// Azerbaijani letters.
        var lowerWords = 0
        var lowerAzerbaijaniWords = 0
        /// Lower-case English function words ("the", "and", "in", "said"…).
        var englishWords = 0

        var guess: Language? {
            if cyrillic > latin && cyrillic >= 2 { return .ru }
            guard latinWords > 0 else { return nil }
            let share = LanguageGuesser.azerbaijaniShare
            if lowerWords > 0 && Double(lowerAzerbaijaniWords) >= Double(lowerWords) * share { return .az }
            if englishWords == 0 && Double(azerbaijaniWords) >= Double(latinWords) * share { return .az }
            return .en
        }

        var letters: Int { cyrillic + latin }

        mutating func add(_ other: Evidence) {
            cyrillic += other.cyrillic
            latin += other.latin
            latinWords += other.latinWords
            azerbaijaniWords += other.azerbaijaniWords
            lowerWords += other.lowerWords
            lowerAzerbaijaniWords += other.lowerAzerbaijaniWords
            englishWords += other.englishWords
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

    /// The language a whole text's letters point to, its words split at ASCII spaces and
    /// punctuation (no ICU): what the CLI compares with a language imposed by `--lang`. Nil when
    /// the text has too few letters to tell.
    static func guess(_ bytes: UnsafeBufferPointer<UInt8>) -> Language? {
        var e = Evidence()
        var start = 0
        for i in 0...bytes.count {
            let boundary = i == bytes.count || (bytes[i] < 0x80 && !Self.isASCIIWordByte(bytes[i]))
            if boundary {
                if i > start { collect(&e, bytes: bytes, start: start, end: i) }
                start = i + 1
            }
        }
        return e.letters >= minimumLetters ? e.guess : nil
    }

    /// Short English words that Azerbaijani text does not have (lower case, ASCII; not "on" and
    /// "at", which are Azerbaijani "ten" and "horse").
    private static let englishFunctionWords: Set<UInt32> = Set(
        [
            "the", "and", "of", "to", "in", "for", "with", "was", "were", "is", "are", "has", "have",
            "had", "that", "said", "by", "from", "his", "her", "its", "but", "not", "will",
        ].map { word in word.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } })

    /// A word of at most four bytes, packed into one integer for the set look-up.
    @inline(__always)
    private static func isEnglishFunctionWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var key: UInt32 = 0
        for i in start..<end { key = key << 8 | UInt32(bytes[i]) }
        return englishFunctionWords.contains(key)
    }

    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x27
    }

    @inline(__always)
    private static func collect(_ e: inout Evidence, bytes: UnsafeBufferPointer<UInt8>, token: Token) {
        collect(&e, bytes: bytes, start: Int(token.byteStart), end: Int(token.byteEnd))
    }

    @inline(__always)
    private static func collect(_ e: inout Evidence, bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        var i = start
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
            // Lower case first: an ASCII a–z, or a lower-case Azerbaijani letter (ə ı ş ğ ç ö ü).
            let first = bytes[start]
            let second = start + 1 < end ? bytes[start + 1] : 0
            let lower =
                (first >= 0x61 && first <= 0x7A)
                || (first == 0xC9 && second == 0x99) || (first == 0xC4 && (second == 0x9F || second == 0xB1))
                || (first == 0xC5 && second == 0x9F)
                || (first == 0xC3 && (second == 0xA7 || second == 0xB6 || second == 0xBC))
            if lower {
                e.lowerWords += 1
                if azerbaijani { e.lowerAzerbaijaniWords += 1 }
                if end - start <= 4 && isEnglishFunctionWord(bytes, start, end) { e.englishWords += 1 }
            }
        }
    }
}

extension Language {
    /// The language a whole text's letters point to, by the rules the segmenter applies to each
    /// sentence (see ``LanguageGuesser``), or nil when it has too few letters to tell. The CLI
    /// warns with it when `--lang` imposes a language the text does not look like.
    public static func guess(_ bytes: [UInt8]) -> Language? {
        bytes.withUnsafeBufferPointer { LanguageGuesser.guess($0) }
    }
}
