import XCTest

@testable import FramewatchText

final class MatchKeysTests: XCTestCase {
    func testTurkicCapitalsAndDotlessIFoldToOneKey() {
        let forms = ["İLHAM", "Ilham", "ilham", "ılham", "I\u{307}lham", "İlham", "ILHAM"]
        XCTAssertEqual(Set(forms.map(MatchKeys.fold)), ["ilham"])
        XCTAssertEqual(MatchKeys.fold("ƏLİYEV"), "əliyev")
        XCTAssertEqual(MatchKeys.fold("ISPANIYA"), MatchKeys.fold("İspaniya"))
    }

    func testFoldUnifiesApostrophesDashesYoAndCompatibilityForms() {
        XCTAssertEqual(MatchKeys.fold("Russia’s"), "russia's")
        XCTAssertEqual(MatchKeys.fold("AZAL`s"), "azal's")
        XCTAssertEqual(MatchKeys.fold("North–South"), "north-south")
        XCTAssertEqual(MatchKeys.fold("Партнёрство"), "партнерство")
        XCTAssertEqual(MatchKeys.fold("ﬁfth"), "fifth")
        XCTAssertEqual(MatchKeys.fold("Straße"), "strasse")
    }

    func testInvisibleCharactersStressMarksAndLookAlikeLettersDoNotChangeAKey() {
        // Soft hyphens and zero-width characters a scraper leaves inside words.
        XCTAssertEqual(MatchKeys.fold("s\u{AD}pies"), "spies")
        XCTAssertEqual(MatchKeys.fold("заинтере\u{AD}сована"), "заинтересована")
        XCTAssertEqual(MatchKeys.fold("Mos\u{200B}cow"), "moscow")
        XCTAssertEqual(MatchKeys.fold("Baku\u{200D}\u{2060}\u{FEFF}"), "baku")
        XCTAssertEqual(MatchKeys.fold("Mammadyarov\u{202C}\u{200F}"), "mammadyarov")
        // A stress mark on a Cyrillic letter goes; an accent on a Latin letter stays.
        XCTAssertEqual(MatchKeys.fold("шпио\u{301}н"), "шпион")
        XCTAssertEqual(MatchKeys.fold("Росси\u{300}я"), "россия")
        XCTAssertEqual(MatchKeys.fold("cafe\u{301}"), "café")
        // A word mostly in one script with look-alikes of the other is in its majority script.
        XCTAssertEqual(MatchKeys.fold("sрies"), "spies")  // Cyrillic р
        XCTAssertEqual(MatchKeys.fold("шпиoны"), "шпионы")  // Latin o
        XCTAssertEqual(MatchKeys.fold("CНГ"), "снг")  // Latin C
        XCTAssertEqual(MatchKeys.fold("Azərbaycаn"), "azərbaycan")  // Cyrillic а
        XCTAssertEqual(MatchKeys.fold("Azәrbaycan"), "azərbaycan")  // Cyrillic ә
        XCTAssertEqual(MatchKeys.fold("Mammadyarοv"), "mammadyarov")  // Greek ο
        XCTAssertEqual(MatchKeys.fold("Мамедъярοв"), "мамедъяров")  // Greek ο
        XCTAssertEqual(MatchKeys.fold("λόγος"), "λόγοσ")  // a Greek word stays Greek (case folding writes ς as σ)
        // Half and half is left alone, and a letter with no look-alike stays what it is.
        XCTAssertEqual(MatchKeys.fold("abяю"), "abяю")
        XCTAssertEqual(MatchKeys.fold("Moskvaщ"), "moskvaщ")
    }

    func testCrossScriptKeysMakeTheSeedArticleFiguresMeet() {
        // Each row: spellings in Cyrillic, Azerbaijani Latin and English that must share a key.
        let rows: [[String]] = [
            ["Мамедъяров", "Mamedyarov"],
            ["Məmmədyarov", "Mammadyarov", "MAMMADYAROV"],
            ["Мехтиев", "Mekhtiyev"],
            ["Алиев", "Aliyev", "ALIYEV"],
            ["Əliyev", "Aliyev"],
            ["Махмудов", "Makhmudov"],
            ["Mahmudov", "MAHMUDOV"],
            ["Нагиев", "Nagiyev"],
            ["Гасанов", "Gasanov"],
            ["Şuşa", "Shusha", "Шуша"],
            ["Bakı", "Baki"],
            ["Путин", "Putin"],
            ["Лавров", "Lavrov"],
        ]
        for row in rows {
            XCTAssertEqual(Set(row.map(MatchKeys.crossScript)).count, 1, "\(row) → \(row.map(MatchKeys.crossScript))")
        }
        XCTAssertEqual(MatchKeys.crossScript("Мамедъяров"), "mamedyarov")
        XCTAssertEqual(MatchKeys.crossScript("Məmmədyarov"), "mammadyarov")
    }

    func testKeyCacheReturnsTheSameIdForTheSameSpellingAndIsBounded() {
        let cache = KeyCache(capacity: 3)
        func id(_ s: String) -> Int32 {
            var s = s
            return s.withUTF8 { cache.id($0) }
        }
        let a = id("İlham")
        XCTAssertEqual(id("İlham"), a)
        XCTAssertEqual(cache.fold(a), "ilham")
        XCTAssertEqual(cache.foldID(id("ILHAM")), cache.foldID(a), "different spellings share a fold key id")
        _ = id("x")
        XCTAssertEqual(cache.generation, 0)
        cache.reserve(1)
        XCTAssertEqual(cache.generation, 1, "making room for a fourth spelling clears a cache of capacity 3")
        XCTAssertEqual(cache.fold(id("Rusiyanın")), "rusiyanin")
    }
}
