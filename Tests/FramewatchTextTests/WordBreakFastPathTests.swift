import CICU
import Foundation
import XCTest

@testable import FramewatchText

/// The word fast path in `cicu.c` must give exactly ICU's boundaries and rule statuses: on every
/// text of the corpora and on random strings that mix the characters it handles with the ones it
/// hands to ICU (combining marks, format characters, emoji, other scripts, invalid UTF-8).
final class WordBreakFastPathTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// (end, status) of every segment, with the fast path on or off.
    static func segments(_ bytes: [UInt8], fast: Bool) -> [Int64] {
        var status: Int32 = 0
        guard let breaker = fw_breaker_open(Int32(FW_BREAK_WORD), "en", &status) else { return [] }
        defer { fw_breaker_close(breaker) }
        fw_breaker_set_fast_path(breaker, fast ? 1 : 0)
        var ends = [Int32](repeating: 0, count: 7)  // small batches: resumption across batches is tested too
        var statuses = [Int32](repeating: 0, count: 7)
        var out: [Int64] = []
        bytes.withUnsafeBufferPointer { buffer in
            _ = fw_breaker_set_text(breaker, buffer.baseAddress, Int64(buffer.count))
            while true {
                let n = Int(fw_breaker_next_batch(breaker, &ends, &statuses, 7))
                if n == 0 { break }
                for i in 0..<n { out.append(Int64(ends[i]) << 16 | Int64(statuses[i])) }
            }
        }
        return out
    }

    func assertSameAsICU(_ bytes: [UInt8], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let fast = Self.segments(bytes, fast: true)
        let icu = Self.segments(bytes, fast: false)
        guard fast != icu else { return }
        let i = (0..<min(fast.count, icu.count)).first { fast[$0] != icu[$0] } ?? min(fast.count, icu.count)
        let at = Int(min(i < fast.count ? fast[i] >> 16 : .max, i < icu.count ? icu[i] >> 16 : .max))
        let context = bytes[max(0, at - 30)..<min(bytes.count, at + 30)]
        XCTFail(
            "\(label): segment \(i) differs: fast \(i < fast.count ? "\(fast[i] >> 16)/\(fast[i] & 0xFFFF)" : "end") "
                + "vs ICU \(i < icu.count ? "\(icu[i] >> 16)/\(icu[i] & 0xFFFF)" : "end") near "
                + "\(String(decoding: context, as: UTF8.self).debugDescription)", file: file, line: line)
    }

    func testHandWrittenCasesMatchICU() {
        let cases = [
            "Russia's refusal didn't help: trade fell 10.1% to $1,200.50 in 2024.",
            "U.S. e.g. a.b.c 1.2.3 a.1 1.a 3,b a,b 1'000 O'Neill rock'n'roll 2024th 5G G7 x:y 12:30",
            "Мамедъяров заявил: «Москва — не враг». Ёлка, 1 000 000 руб., 2,5%.",
            "Azərbaycan İLHAM ılham Əliyev'in Bakı’ya səfəri… “quoted” ‘single’ —dash– x‑y",
            "tabs\tand\u{00A0}no-break\u{2007}spaces\u{202F}x  two   three\r\nCRLF\rCR\n\nLF\u{2028}LS\u{0085}NEL\u{000B}VT\u{000C}FF",
            "café cafe\u{0301} e\u{0301}a \u{0301}x  \u{0301} a\u{00AD}b a\u{200D}b \u{200B} \u{FEFF}x",
            "emoji 😀 👍🏽 ❤️ 🇦🇿🇷🇺 ©2024 ®  a©b  mail@example.org @user #tag snake_case __init__ ___",
            "中文文本 ไทยภาษา עברית שלום כ\"ץ カタカナ ひらがな 한국어 Ελληνικά Հայերեն ქართული",
            "a: b; c, d. e' f’ g‘ h. 1. 2, 3; 4: 5' .5 ,5 '5 a. .a 'a a' a'' a.. 1.. 1,,2",
            "", " ", "a", "1", ".", "\n", "\r", "\r\n", "  ", "\u{0301}", "😀", "'", "a'", "1,",
        ]
        for text in cases { assertSameAsICU(Array(text.utf8), text) }
        // Invalid UTF-8 between valid text, and truncated sequences at the end.
        let invalid: [[UInt8]] = [
            Array("ab ".utf8) + [0xFF] + Array(" cd".utf8), Array("ab".utf8) + [0xC3],
            Array("ab ".utf8) + [0xE2, 0x80],
            [0xED, 0xA0, 0x80] + Array(" x".utf8), Array("Москва".utf8) + [0xD0] + Array("x y".utf8),
            [0xC0, 0xAF, 0x20, 0x61], [0xE2, 0x82, 0xAC, 0x20, 0x31],
        ]
        for bytes in invalid { assertSameAsICU(bytes, "invalid \(bytes.prefix(8))") }
    }

    func testEveryCorpusTextMatchesICU() throws {
        let corpora = Self.repository.appendingPathComponent("Corpora")
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpora.path).filter {
            $0.hasSuffix(".jsonl") || $0.hasSuffix(".txt")
        }
        XCTAssertGreaterThan(files.count, 10)
        var bytes = 0
        for file in files.sorted() {
            let data = try Data(contentsOf: corpora.appendingPathComponent(file))
            // Whole files: JSON escapes, quotes and long runs included.
            assertSameAsICU([UInt8](data), file)
            bytes += data.count
        }
        XCTAssertGreaterThan(bytes, 500_000)
    }

    func testRandomMixedStringsMatchICU() {
        // Pieces the fast path handles, pieces it must hand to ICU, and invalid bytes.
        let pieces: [[UInt8]] =
            [
                "a", "Z", "é", "ß", "ə", "Ə", "ı", "İ", "ş", "ğ", "ж", "Ё", "ъ", "Ѐ", "ӛ", "0", "9", "٣", ".", ",", ":",
                ";",
                "'", "’", "‘", "\"", "-", "–", "—", "…", "‧", "·", " ", "  ", "\n", "\r", "\r\n", "\t", "\u{00A0}",
                "\u{2003}", "\u{0301}", "\u{0483}", "\u{00AD}", "\u{200D}", "\u{200B}", "\u{FEFF}", "\u{2028}",
                "\u{0085}", "\u{000B}", "😀", "👍🏽", "©", "®", "@", "_", "#", "%", "$", "€", "№", "«", "»", "“", "”", "(",
                ")", "中", "ไทย", "א", "カ", "ԱԲ", "ﬁ", "Ⅻ", "\u{FE55}", "\u{FF1A}", "\u{2024}", "\u{FE52}",
            ].map { Array($0.utf8) } + [
                [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80],
            ]
        var random = SeededRandom(seed: 0x2545_F491_4F6C_DD1D)
        func next(_ bound: Int) -> Int { random.next(bound) }
        for round in 0..<20_000 {
            var bytes: [UInt8] = []
            // Mostly letters and digits, so that the joining rules get exercised.
            for _ in 0..<(1 + next(24)) {
                bytes += next(3) == 0 ? pieces[next(pieces.count)] : pieces[next(16)]
            }
            assertSameAsICU(bytes, "random #\(round)")
        }
    }

    func testSegmenterTokensAreTheSameWithAndWithoutTheFastPath() throws {
        let fast = try Segmenter()
        let icu = try Segmenter(fastWordBreak: false)
        let text = Array(
            "Мамедъяров: «Москва — не враг». Azərbaycan'ın XİN-i 1,5 mlrd $ dedi.\n\nRussia's e\u{0301}lite 😀 said."
                .utf8
        )
        let a = try fast.segment(text)
        let b = try icu.segment(text)
        XCTAssertEqual(a.tokens.map(\.byteStart), b.tokens.map(\.byteStart))
        XCTAssertEqual(a.tokens.map(\.byteEnd), b.tokens.map(\.byteEnd))
        XCTAssertEqual(a.tokens.map(\.kind), b.tokens.map(\.kind))
        XCTAssertEqual(a.sentences.map(\.byteEnd), b.sentences.map(\.byteEnd))
        XCTAssertEqual(
            a.tokens.map { a.text(of: $0) },
            [
                "Мамедъяров", ":", "«", "Москва", "—", "не", "враг", "»", ".", "Azərbaycan'ın", "XİN", "-", "i", "1,5",
                "mlrd", "$", "dedi", ".", "Russia's", "e\u{0301}lite", "😀", "said", ".",
            ])
    }
}
