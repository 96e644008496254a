import Foundation
import FramewatchText
import XCTest

@testable import FramewatchCore

/// The pack loader tokenises plain terms (letters and single spaces) without ICU's word
/// iterator; these tests hold that shortcut to what ICU gives.
final class TermTokensTests: XCTestCase {
    /// Every term of the default pack, in all three languages, and every alias of its gazetteer:
    /// the shortcut and ICU give the same tokens (or the same failure).
    func testPlainShortcutAgreesWithICUOnTheDefaultPack() throws {
        let pack = try LexiconPack.load(directory: TestPacks.defaultPath)
        let segmenter = try Segmenter()
        let terms =
            pack.entries.filter { !$0.isSuffixPattern }.map(\.term)
            + pack.entities.flatMap { $0.names + $0.short + $0.adjectives }
        var plain = 0
        for term in terms {
            assertShortcutAgreesWithICU(term, segmenter)
            if TermTokens.plainWords(term.hasSuffix("*") ? String(term.dropLast()) : term) != nil { plain += 1 }
        }
        // The shortcut is what makes loading fast: most terms must take it.
        XCTAssertGreaterThan(plain, terms.count * 3 / 4, "\(plain) of \(terms.count) terms are plain")
    }

    /// The same tokens, or the same failure, with and without the plain-term shortcut.
    private func assertShortcutAgreesWithICU(
        _ term: String, _ segmenter: Segmenter, file: StaticString = #filePath, line: UInt = #line
    ) {
        let fast = TermTokens.tokenize(term, segmenter: segmenter)
        let icu = TermTokens.tokenize(term, segmenter: segmenter, plainFastPath: false)
        switch (fast, icu) {
        case (.success(let a), .success(let b)): XCTAssertEqual(a, b, term, file: file, line: line)
        case (.failure(let a), .failure(let b)): XCTAssertEqual(a.reason, b.reason, term, file: file, line: line)
        default: XCTFail("`\(term)`: \(fast) vs \(icu)", file: file, line: line)
        }
    }

    /// Terms at the edges of the shortcut, in English, Russian and Azerbaijani.
    func testEdgeTermsAgreeWithICU() throws {
        let segmenter = try Segmenter()
        let terms = [
            "fifth column", "İlham Əliyev", "ILHAM", "Ilham  Aliyev", " leading", "trailing ", "обвин*",
            "Ёлка ёж", "пятая колонна", "ölkələr arasında", "ğ", "çəkindirmə*", "don't*", "e-*",
            "North-South", "Baku's", "× sign", "a÷b", "ƏLİYEV", "ǅ", "ǆemal", "x*", "ab*", "abc*", "ab *",
            "9 May", "COVID19", "naïve", "ŉ", "Ѝ", "ѐ", "Ѡ", "ß",
        ]
        for term in terms { assertShortcutAgreesWithICU(term, segmenter) }
        XCTAssertEqual(TermTokens.plainWords("пятая колонна"), [0..<10, 11..<25])
        XCTAssertNil(TermTokens.plainWords("Ilham  Aliyev"))
        XCTAssertNil(TermTokens.plainWords("Baku's"))
        XCTAssertNil(TermTokens.plainWords("× sign"))
        guard case .success(let tokens) = TermTokens.tokenize("İLHAM ƏLİYEV*", segmenter: segmenter) else {
            return XCTFail("İLHAM ƏLİYEV* did not tokenise")
        }
        XCTAssertEqual(tokens.map { String(decoding: $0.key, as: UTF8.self) }, ["ilham", "əliyev"])
        XCTAssertEqual(tokens.map(\.isPrefix), [false, true])
    }

    func testMisplacedGapsAreRefusedWithAReason() throws {
        let segmenter = try Segmenter()
        for term in ["~ visit", "visit ~", "called ~ ~ visit", "called~visit", "cancel* ~ visit", "a ~ b ~ c ~ d"] {
            guard case .failure(let problem) = TermTokens.tokenize(term, segmenter: segmenter) else {
                return XCTFail("`\(term)` should be refused")
            }
            XCTAssertFalse(problem.reason.isEmpty, term)
        }
        guard case .success(let tokens) = TermTokens.tokenize("ударила ~ по нефтебаз*", segmenter: segmenter) else {
            return XCTFail("a well-formed gapped term")
        }
        XCTAssertEqual(tokens.map(\.isGap), [false, true, false, false])
        XCTAssertEqual(tokens.last?.isPrefix, true)
        // Two gaps are allowed; a third would multiply the matcher's paths again.
        guard case .success(let two) = TermTokens.tokenize("called ~ off ~ visit", segmenter: segmenter) else {
            return XCTFail("two gaps are allowed")
        }
        XCTAssertEqual(two.filter(\.isGap).count, 2)
        guard case .failure(let three) = TermTokens.tokenize("a ~ b ~ c ~ d", segmenter: segmenter) else {
            return XCTFail("three gaps are refused")
        }
        XCTAssertEqual(three.reason, "has 3 gaps; an entry may have at most 2 (`~` between its words)")
    }
}
