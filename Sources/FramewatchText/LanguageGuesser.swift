/// Guesses each sentence's language among English, Russian and Azerbaijani from its script, the
/// letters only Azerbaijani uses, and frequent function words.
///
/// Sentences without enough evidence (a name, a number, "AZAL.") take the document's language.
struct LanguageGuesser {
    /// Letters that mark Azerbaijani Latin script (ə and Ə are unique to it; ğ ı İ ş are shared
    /// with Turkish, which Framewatch does not score).
    private static let azerbaijaniLetters: [[UInt8]] = [
        [0xC9, 0x99], [0xC6, 0x8F],  // ə Ə
        [0xC4, 0x9F], [0xC4, 0x9E],  // ğ Ğ
        [0xC4, 0xB1], [0xC4, 0xB0],  // ı İ
        [0xC5, 0x9F], [0xC5, 0x9E],  // ş Ş
    ]

    /// Frequent English function words (lower case ASCII).
    private static let englishWords: Set<PackedWord> = Set(
        [
            "the", "of", "and", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by", "it", "are",
            "has", "have", "from", "its", "not", "be", "this", "will", "at", "an", "which", "were", "their",
        ]
        .map { PackedWord(Array($0.utf8)) })

    /// Frequent Azerbaijani function words and endings-as-words.
    private static let azerbaijaniWords: Set<PackedWord> = Set(
        [
            "və", "bu", "ilə", "üçün", "bir", "da", "də", "ki", "olan", "olub", "edib", "isə", "həm", "lakin",
            "amma", "ancaq", "artıq", "deyil", "daha", "onun", "kimi", "görə", "sonra", "qədər", "isə", "bildirib",
            "etdi", "olaraq", "tərəfindən", "arasında", "ölkə",
        ]
        .map { PackedWord(Array($0.utf8)) })

    /// The minimum evidence (letters) for a sentence to get its own language.
    private static let minimumLetters = 12

    struct Evidence {
        var cyrillic = 0
        var latin = 0
        var azLetters = 0
        var enWords = 0
        var azWords = 0

        var guess: Language? {
            if cyrillic > latin && cyrillic >= 2 { return .ru }
            if latin == 0 { return nil }
            if azLetters > 0 || azWords > enWords { return azLetters + azWords * 3 > enWords ? .az : .en }
            if enWords > 0 { return .en }
            return nil
        }

        var letters: Int { cyrillic + latin }
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
            for token in tokens[sentence.tokens] where token.kind == .word {
                Self.collect(&e, bytes: bytes, range: token.byteRange)
            }
            evidence.append(e)
            total.cyrillic += e.cyrillic
            total.latin += e.latin
            total.azLetters += e.azLetters
            total.enWords += e.enWords
            total.azWords += e.azWords
        }
        let fallback = total.guess ?? .en
        for i in sentences.indices {
            let e = evidence[i]
            if e.letters >= Self.minimumLetters || (e.cyrillic > 0 && e.latin == 0) || e.azLetters > 0,
                let guess = e.guess
            {
                sentences[i].language = guess
            } else {
                sentences[i].language = fallback
            }
        }
    }

    private static func collect(_ e: inout Evidence, bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var i = range.lowerBound
        var lowered = PackedWord()
        let short = range.count <= PackedWord.capacity
        while i < range.upperBound {
            let b = bytes[i]
            if b < 0x80 {
                let isUpper = b >= 0x41 && b <= 0x5A
                if isUpper || (b >= 0x61 && b <= 0x7A) { e.latin += 1 }
                if short { lowered.append(isUpper ? b + 0x20 : b) }
                i += 1
                continue
            }
            if (b == 0xD0 || b == 0xD1) && i + 1 < range.upperBound {
                e.cyrillic += 1
            } else if i + 1 < range.upperBound {
                let pair = [b, bytes[i + 1]]
                if azerbaijaniLetters.contains(pair) { e.azLetters += 1 }
                e.latin += 1
            }
            let length = UTF8Decoding.decode(bytes, at: i).length
            if short {
                // Lower-case the two capital Azerbaijani letters that start function words (Ə, İ).
                if length == 2 && b == 0xC6 && bytes[i + 1] == 0x8F {
                    lowered.append(0xC9)
                    lowered.append(0x99)
                } else {
                    for j in i..<(i + length) { lowered.append(bytes[j]) }
                }
            }
            i += length
        }
        if short {
            if englishWords.contains(lowered) { e.enWords += 1 }
            if azerbaijaniWords.contains(lowered) { e.azWords += 1 }
        }
    }
}

/// Up to 16 bytes packed into two integers: a set key that needs no allocation.
struct PackedWord: Hashable {
    static let capacity = 16
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count = 0

    init() {}

    init(_ bytes: [UInt8]) {
        for b in bytes { append(b) }
    }

    mutating func append(_ byte: UInt8) {
        if count < 8 {
            low |= UInt64(byte) << (8 * UInt64(count))
        } else if count < 16 {
            high |= UInt64(byte) << (8 * UInt64(count - 8))
        }
        count += 1
    }
}
