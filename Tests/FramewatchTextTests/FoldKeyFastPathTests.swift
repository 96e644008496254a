import CICU
import Foundation
import XCTest

@testable import FramewatchText

/// `fw_fold_key` computes the keys of common Latin, Azerbaijani and Cyrillic text without ICU;
/// the result must be ICU's (`fw_fold_key_icu`) for every code point and every mix.
final class FoldKeyFastPathTests: XCTestCase {
    static func key(_ bytes: [UInt8], icu: Bool) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: bytes.count * 18 + 32)
        let capacity = Int32(out.count)
        let n = bytes.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                icu
                    ? fw_fold_key_icu(b.baseAddress, Int32(b.count), o.baseAddress, capacity)
                    : fw_fold_key(b.baseAddress, Int32(b.count), o.baseAddress, capacity)
            }
        }
        return n < 0 ? [] : Array(out[0..<Int(n)])
    }

    func assertSame(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let fast = Self.key(bytes, icu: false)
        let icu = Self.key(bytes, icu: true)
        if fast != icu {
            XCTFail(
                "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(bytes): fast "
                    + "\(String(decoding: fast, as: UTF8.self).debugDescription) vs ICU "
                    + "\(String(decoding: icu, as: UTF8.self).debugDescription)", file: file, line: line)
        }
    }

    func testEveryCodePointOfTheFastRangesAloneAndInAWord() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x52F, 0x2000...0x206F, 0x2212...0x2212]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let s = String(scalar)
                assertSame(Array(s.utf8))
                assertSame(Array("Ab\(s)Яə".utf8))
            }
        }
    }

    func testWordsAndKnownFolds() {
        for word in [
            "İLHAM", "Ilham", "ılham", "ILHAM", "Əliyev", "ƏLİYEV", "Ёлка", "ЁЛКА", "Straße", "STRASSE", "Ÿves",
            "Azərbaycan’ın", "Bakı–Moskva", "Мамедъяров", "ŞUŞA", "Ğəbələ", "Ça", "ÇAĞ", "l’État", "«Москва»",
        ] {
            assertSame(Array(word.utf8))
        }
        XCTAssertEqual(String(decoding: Self.key(Array("ƏLİYEV’İN".utf8), icu: false), as: UTF8.self), "əliyev'in")
        XCTAssertEqual(String(decoding: Self.key(Array("ЁЛКА".utf8), icu: false), as: UTF8.self), "елка")
        XCTAssertEqual(String(decoding: Self.key(Array("Straße".utf8), icu: false), as: UTF8.self), "strasse")
    }

    func testRandomMixesAndInvalidBytesMatchICU() {
        let pieces: [[UInt8]] =
            [
                "a", "Z", "I", "İ", "ı", "Ə", "ə", "ß", "Ÿ", "Ŀ", "ĳ", "ſ", "ŉ", "Ё", "й", "Ѝ", "Ѣ", "’", "`", "´", "–",
                "−",
                "\u{0307}", "\u{0301}", "ª", "²", "\u{00A0}", "ﬁ", "Ω", "Σ", "ς", "ǅ", "ẞ", "…", "“", "1", "-",
            ].map {
                Array($0.utf8)
            } + [[0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF]]
        var random = SeededRandom(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ bound: Int) -> Int { random.next(bound) }
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(8)) { bytes += pieces[next(pieces.count)] }
            assertSame(bytes)
        }
    }
}
