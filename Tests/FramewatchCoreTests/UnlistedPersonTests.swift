import FramewatchCore
import XCTest

/// People the gazetteer does not list, found by a given name and a surname (`rule.given_name`),
/// on sentences of real 2024–25 coverage (real sets 24–28: each was missed as an entity).
final class UnlistedPersonTests: XCTestCase {
    var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try Analyzer(TestPacks.standard)
    }

    /// Unlisted people of a text: id → the mentions' texts.
    func unlisted(_ text: String) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for e in try analyzer.analyze(text).entities where e.listed == false {
            XCTAssertEqual(e.type, .person)
            found[e.id] = e.mentions.map(\.text)
        }
        return found
    }

    func testAnEnglishFullNameAndItsLaterSurname() throws {
        let text = """
            Azeri SOCAR depot in Odesa destroyed

            The head of the Odesa district military administration, Sergiy Kyun, said the depot had \
            burned for hours. Kyun added that nobody was hurt.
            """
        let found = try unlisted(text)
        XCTAssertEqual(found["sergiy_kyun"], ["Sergiy Kyun", "Kyun"])
        XCTAssertEqual(found.count, 1)
        // The gazetteer's people stay the gazetteer's, listed.
        let report = try analyzer.analyze("Sergiy Kyun and Ilham Aliyev spoke.")
        XCTAssertEqual(report.entities.first { $0.id == "ilham_aliyev" }?.listed, nil)
        XCTAssertEqual(report.entities.first { $0.id == "sergiy_kyun" }?.listed, false)
    }

    func testARussianNameInACaseFormIsReportedInTheNominative() throws {
        // Real set 26: the genitive of a name that declines like a noun («Цоя»), then the bare
        // nominative inside a quotation.
        let report = try analyzer.analyze("Память Виктора Цоя почтили в Кемерове. «Цой жив», — написали поклонники.")
        let tsoy = try XCTUnwrap(report.entities.first { $0.id == "viktor_tsoy" })
        XCTAssertEqual(tsoy.name, "Виктор Цой")
        XCTAssertEqual(tsoy.listed, false)
        XCTAssertEqual(tsoy.mentions.map(\.text), ["Виктора Цоя", "Цой"])
        // A name in the gazetteer read in a case form it does not list is the gazetteer's.
        XCTAssertEqual(report.entities.first { $0.id == "kemerovo" }?.listed, nil)
    }

    func testRussianSurnamesTakeTheGenderOfTheirGivenName() throws {
        XCTAssertEqual(
            try analyzer.analyze("Суд допросил Геннадия Подлесного.").entities.first { $0.listed == false }?.name,
            "Геннадий Подлесный")
        let found = try unlisted("Адвокат Дарьи Косариновой заявила, что Косаринова невиновна.")
        XCTAssertEqual(found["darya_kosarinova"], ["Дарьи Косариновой", "Косаринова"])
        // A name and patronymic without a surname is nobody the report can name.
        XCTAssertTrue(try unlisted("Владимир Владимирович ответил на вопросы.").isEmpty)
    }

    func testAnAzerbaijaniSurnameLosesItsCaseSuffix() throws {
        // Real set 22: a woman's -ova is her surname; the genitive -nın comes off.
        let found = try unlisted(
            "Tamilla Əhmədovanın sözlərinə görə, səfirlik işləyir. Əhmədova bildirib ki, vətəndaşlar müraciət edə bilər."
        )
        XCTAssertEqual(found["tamilla_ahmadova"], ["Tamilla Əhmədovanın", "Əhmədova"])
        // Azerbaijani c, x, q are English j, kh, g; ç is ch, -zadə is -zade.
        let spelt = try unlisted("Cavid Xəlilzadə və Elçin Qasımov gəliblər.")
        XCTAssertEqual(Set(spelt.keys), ["javid_khalilzade", "elchin_gasimov"])
    }

    func testAGivenNameTwoLettersFromAFiguresIsAnotherPerson() throws {
        // Real set 25: "Rashad" is two letters from "Farhad" (Mammadov, listed), but a given name
        // of its own: another Mammadov, not an ambiguous short form. "Ilkham" (one letter from
        // Ilham) is still the president.
        let report = try analyzer.analyze("Talks in Baku\n\nOfficials met on Monday. Then Rashad Mammadov spoke.")
        XCTAssertTrue(report.ambiguous.isEmpty)
        XCTAssertEqual(report.entities.first { $0.listed == false }?.id, "rashad_mammadov")
        XCTAssertTrue(try analyzer.analyze("Ilkham Aliyev spoke.").entities.contains { $0.id == "ilham_aliyev" })
        // A surname two letters from a listed one is not that person: Kamran Mammadov is not
        // Kamran Mahmudov.
        XCTAssertFalse(
            try analyzer.analyze("Kamran Mammadov spoke.").entities.contains { $0.id == "kamran_mahmudov" })
    }

    func testAMisspeltGazetteerNameIsTheGazetteerPerson() throws {
        // Real sets 24 and 28: "Shiklinski", "Shykhlinski" for the listed Shahin Shikhlinsky.
        let report = try analyzer.analyze("A court in Yekaterinburg extended the arrest of Shahin Shiklinski.")
        XCTAssertTrue(report.entities.contains { $0.id == "shahin_shikhlinsky" && $0.listed == nil })
        XCTAssertFalse(report.entities.contains { $0.listed == false })
    }

    func testAStreetOrAnotherPersonIsNotTheSamePerson() throws {
        // A place named after someone.
        XCTAssertTrue(try unlisted("The embassy on Nizami Street was closed.").isEmpty)
        // A surname after someone else's given name is another person.
        let found = try unlisted("Sergiy Kyun spoke first. Then Pavlo Kyun, his brother, spoke.")
        XCTAssertEqual(found["sergiy_kyun"], ["Sergiy Kyun"])
        XCTAssertEqual(found["pavlo_kyun"], ["Pavlo Kyun"])
        // Lower-case words and words without a given name before them are nobody.
        XCTAssertTrue(try unlisted("Officials in Baku said the talks went well.").isEmpty)
    }

    func testATextNamingThousandsOfPeopleListsEachOnce() throws {
        // Hostile input: 4,096 distinct names, each in full and then bare, in long sentences
        // (cut every 400 words). Each person once, with both mentions: the recogniser keeps one
        // flag per word and compares a new name only with gazetteer surnames of its initial.
        let letters = Array("bcdfghjklmnprstz")
        let surnames = (0..<4096).map { i in
            "Kovalenko" + String([letters[i % 16], letters[(i / 16) % 16], letters[i / 256]])
        }
        let text = surnames.map { "Sergiy \($0) spoke; \($0) agreed" }.joined(separator: ", ") + "."
        let people = try analyzer.analyze(text).entities.filter { $0.listed == false }
        XCTAssertGreaterThan(people.count, 4000)  // a 400-word cut may fall between two names
        XCTAssertEqual(Set(people.map(\.id)).count, people.count)
        XCTAssertTrue(people.allSatisfy { $0.mentions.count == 2 })
        XCTAssertEqual(people.first?.id, "sergiy_kovalenkobbb")
    }

    func testUnlistedPeopleDoNotChangeTheScore() throws {
        // Reported only: the frame and the evidence are those of the same text without the name.
        let with = try analyzer.analyze("Sergiy Kyun said Russia had shot down the plane.")
        let without = try analyzer.analyze("The governor said Russia had shot down the plane.")
        XCTAssertEqual(with.frame.label, without.frame.label)
        XCTAssertEqual(with.frame.scores, without.frame.scores)
    }
}
