import CICU

/// The two matching keys of a token.
///
/// - The **fold key** makes spelling variants of one word meet: NFKC, case folding in which the
///   Turkic letters `I İ ı i` all become `i` (so `İLHAM`, `Ilham`, `ılham` and a decomposed
///   `I`+U+0307 meet), `ё` → `е`, typographic apostrophes → `'` and dashes → `-`.
/// - The **cross-script key** is the fold key in plain Latin letters: Cyrillic transliterated
///   (BGN/PCGN-like: `Мамедъяров` → `mamedyarov`, `Алиев` → `aliyev`, `Мехтиев` → `mekhtiyev`),
///   `ʹ ʺ ь ъ` and apostrophes dropped, `ə` → `a`, `ş` → `sh`, `ç` → `ch`, other diacritics removed
///   (`Məmmədyarov` → `mammadyarov`). Entity aliases are matched on it, so an alias written in one
///   script finds the name written in another.
public enum MatchKeys {
    /// The fold key of a UTF-8 token.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            return bytes.map { b in
                switch b {
                case 0x41...0x5A: return b + 0x20
                case 0x60: return 0x27  // ` → '
                default: return b
                }
            }
        }
        var capacity = bytes.count * 3 + 16
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let n = out.withUnsafeMutableBufferPointer { o in
                fw_fold_key(bytes.baseAddress, Int32(bytes.count), o.baseAddress, Int32(capacity))
            }
            if n < 0 { return Array(bytes) }  // ICU failure: fall back to the raw bytes
            if Int(n) <= capacity {
                out.removeSubrange(Int(n)...)
                return out
            }
            capacity = Int(n)
        }
    }

    /// The fold key of a string.
    public static func fold(_ string: String) -> String {
        var s = string
        return s.withUTF8 { String(decoding: fold($0), as: UTF8.self) }
    }

    /// The cross-script key of a fold key.
    public static func crossScript(fold: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fold.count + 4)
        var previousIsVowelOrStart = true
        var needsDiacriticStrip = false
        for scalar in String(decoding: fold, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x27 { continue }  // apostrophes carry no sound
                out.append(UInt8(v))
                previousIsVowelOrStart = !isLatinLetter(UInt8(v)) || "aeiouy".utf8.contains(UInt8(v))
                continue
            }
            if let latin = cyrillic(v, afterVowel: previousIsVowelOrStart) {
                out.append(contentsOf: latin.utf8)
                previousIsVowelOrStart = cyrillicVowelsAndSigns.contains(v)
                continue
            }
            switch v {
            case 0x0259: out.append(0x61)  // ə → a
            case 0x015F: out.append(contentsOf: [0x73, 0x68])  // ş → sh
            case 0x00E7: out.append(contentsOf: [0x63, 0x68])  // ç → ch
            case 0x02B9, 0x02BA, 0x02BC: break  // ʹ ʺ ʼ transliteration signs
            default:
                out.append(contentsOf: Array(String(scalar).utf8))
                needsDiacriticStrip = true
            }
            previousIsVowelOrStart = false
        }
        return needsDiacriticStrip ? stripDiacritics(out) : out
    }

    /// The cross-script key of a string (folded first).
    public static func crossScript(_ string: String) -> String {
        String(decoding: crossScript(fold: Array(fold(string).utf8)), as: UTF8.self)
    }

    private static func isLatinLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) }

    /// Removes combining marks after canonical decomposition (`ğ` → `g`, `ü` → `u`, `é` → `e`).
    private static func stripDiacritics(_ bytes: [UInt8]) -> [UInt8] {
        var capacity = bytes.count * 3 + 16
        var decomposed: [UInt8] = []
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let n = bytes.withUnsafeBufferPointer { i in
                out.withUnsafeMutableBufferPointer { o in
                    fw_nfd(i.baseAddress, Int32(i.count), o.baseAddress, Int32(capacity))
                }
            }
            if n < 0 { return bytes }
            if Int(n) <= capacity {
                decomposed = Array(out[0..<Int(n)])
                break
            }
            capacity = Int(n)
        }
        var result: [UInt8] = []
        for scalar in String(decoding: decomposed, as: UTF8.self).unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            result.append(contentsOf: Array(String(scalar).utf8))
        }
        return result
    }

    private static let cyrillicVowelsAndSigns: Set<UInt32> = [
        0x0430, 0x0435, 0x0451, 0x0438, 0x043E, 0x0443, 0x044B, 0x044D, 0x044E, 0x044F,  // а е ё и о у ы э ю я
        0x044A, 0x044C,  // ъ ь
        0x0456, 0x0457, 0x0454, 0x04D9,  // і ї є ә
    ]

    /// Latin for one lower-case Cyrillic letter, or nil when `v` is not Cyrillic.
    private static func cyrillic(_ v: UInt32, afterVowel: Bool) -> String? {
        switch v {
        case 0x0430: return "a"
        case 0x0431: return "b"
        case 0x0432: return "v"
        case 0x0433: return "g"
        case 0x0434: return "d"
        case 0x0435: return afterVowel ? "ye" : "e"  // е (ё is folded to е)
        case 0x0436: return "zh"
        case 0x0437: return "z"
        case 0x0438: return "i"
        case 0x0439: return "y"
        case 0x043A: return "k"
        case 0x043B: return "l"
        case 0x043C: return "m"
        case 0x043D: return "n"
        case 0x043E: return "o"
        case 0x043F: return "p"
        case 0x0440: return "r"
        case 0x0441: return "s"
        case 0x0442: return "t"
        case 0x0443: return "u"
        case 0x0444: return "f"
        case 0x0445: return "kh"
        case 0x0446: return "ts"
        case 0x0447: return "ch"
        case 0x0448: return "sh"
        case 0x0449: return "shch"
        case 0x044A, 0x044C: return ""  // ъ ь
        case 0x044B: return "y"
        case 0x044D: return "e"
        case 0x044E: return "yu"
        case 0x044F: return "ya"
        // Letters of Azerbaijani, Kazakh and Ukrainian Cyrillic that appear in names.
        case 0x04D9: return "a"  // ә
        case 0x0493, 0x049D, 0x0491: return "g"  // ғ ҝ ґ
        case 0x04BB: return "h"  // һ
        case 0x04E9: return "o"  // ө
        case 0x04AF, 0x04B1: return "u"  // ү ұ
        case 0x04B9: return "c"  // ҹ
        case 0x0458: return "y"  // ј
        case 0x049B: return "q"  // қ
        case 0x04A3: return "n"  // ң
        case 0x0456: return "i"  // і
        case 0x0457: return "yi"  // ї
        case 0x0454: return "ye"  // є
        default: return nil
        }
    }
}
