import XCTest

@testable import FramewatchText

/// Slices `string` by Unicode-scalar offsets, as Python's `text[start:end]` does.
func slice(_ string: String, _ start: Int32, _ end: Int32) -> String {
    let scalars = Array(string.unicodeScalars)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[Int(start)..<Int(end)])
    return String(out)
}

final class SegmenterTests: XCTestCase {
    let segmenter = try! Segmenter()

    func words(_ text: SegmentedText) -> [String] {
        text.tokens.map { text.text(of: $0) }
    }

    func testEnglishTokensKeepContractionsPossessivesAndNumbersWhole() throws {
        let input = "Russia's refusal didn't help: trade fell 10.1% to $1,200.50 in 2024."
        let text = try segmenter.segment(input)
        XCTAssertEqual(
            words(text),
            [
                "Russia's", "refusal", "didn't", "help", ":", "trade", "fell", "10.1", "%", "to", "$", "1,200.50", "in",
                "2024", ".",
            ])
        XCTAssertEqual(text.tokens[7].kind, .number)
        XCTAssertEqual(text.tokens[4].kind, .punctuation)
        XCTAssertEqual(text.tokens[10].kind, .symbol)
        for token in text.tokens {
            XCTAssertEqual(slice(input, token.start, token.end), text.text(of: token))
        }
    }

    func testRussianOffsetsRoundTripThroughScalarSlicing() throws {
        let input = "Эльмар Мамедъяров заявил «РИА Новости», что обвинения — абсурд. В 2024 г. в Баку прошла встреча."
        let text = try segmenter.segment(input)
        XCTAssertTrue(words(text).contains("Мамедъяров"))
        XCTAssertEqual(text.sentences.count, 2, "ICU does not break after the abbreviation 'г.'")
        for token in text.tokens {
            XCTAssertEqual(slice(input, token.start, token.end), text.text(of: token))
        }
        for sentence in text.sentences {
            XCTAssertEqual(slice(input, sentence.start, sentence.end), text.text(of: sentence))
            XCTAssertEqual(sentence.language, .ru)
        }
    }

    func testAzerbaijaniSuffixedWordsStayWhole() throws {
        let input = "Məmmədyarov Rusiyanın casusu adlandırıldı. Bakıda etiraz keçirildi."
        let text = try segmenter.segment(input)
        XCTAssertEqual(
            words(text),
            ["Məmmədyarov", "Rusiyanın", "casusu", "adlandırıldı", ".", "Bakıda", "etiraz", "keçirildi", "."])
        XCTAssertEqual(text.sentences.map(\.language), [.az, .az])
        for token in text.tokens {
            XCTAssertEqual(slice(input, token.start, token.end), text.text(of: token))
        }
    }

    func testSentencesDoNotBreakAfterTitlesInitialsOrBeforeLowerCase() throws {
        let input = "Dr. Hasanov met V. V. Putin at 10 a.m. in Baku. Was it useful? Yes! The U.S. reacted… later."
        let text = try segmenter.segment(input)
        XCTAssertEqual(
            text.sentences.map { text.text(of: $0) },
            ["Dr. Hasanov met V. V. Putin at 10 a.m. in Baku.", "Was it useful?", "Yes!", "The U.S. reacted… later."])
        let quoted = try segmenter.segment("He said: «Это провокация.» Затем ушёл. «Нет!» — ответил он.")
        XCTAssertEqual(quoted.sentences.count, 3, quoted.sentences.map { quoted.text(of: $0) }.description)
        // Two initials written together ("I.M. Sechenov", «М.В. Ломоносова») do not end a sentence.
        for line in [
            "The university named after I.M. Sechenov opened a branch.", "Он окончил МГУ им. М.В. Ломоносова.",
        ] {
            XCTAssertEqual(try segmenter.segment(line).sentences.count, 1, line)
        }
        // A dot inside a short title in guillemets does not end the sentence; a quotation of
        // whole sentences still splits.
        for line in [
            "Об этом пишет «Новая газета. Европа» со ссылкой на источники.",
            "Məlumatı «Azərbaycan. Gündəm» portalı yayıb.",
        ] {
            XCTAssertEqual(try segmenter.segment(line).sentences.count, 1, line)
        }
        let speech = try segmenter.segment("Он заявил: «Мы не согласны с этим решением. Россия ответит на это».")
        XCTAssertEqual(speech.sentences.count, 2)
        // "No." abbreviates only before a number.
        let no = try segmenter.segment("Resolution No. 5 passed. Baku said no. Closing the border was never discussed.")
        XCTAssertEqual(
            no.sentences.map { no.text(of: $0) },
            ["Resolution No. 5 passed.", "Baku said no.", "Closing the border was never discussed."])
    }

    func testAnInitialWrittenOntoASurnameIsItsOwnToken() throws {
        // ICU keeps "В.Путин" as one word; the initial, its full stop and the name are three
        // tokens (two initials too), with offsets that slice back to the text. Abbreviations,
        // domains and "U.S.A" stay whole, and the sentence does not break after the initial.
        let input = "В.Путин и В.В.Путин встретили İ.Əliyevi; U.S.A, e.g. Report.az."
        let text = try segmenter.segment(input)
        XCTAssertEqual(
            words(text),
            [
                "В", ".", "Путин", "и", "В", ".", "В", ".", "Путин", "встретили", "İ", ".", "Əliyevi", ";", "U.S.A",
                ",",
                "e.g", ".", "Report.az", ".",
            ])
        XCTAssertEqual(text.tokens[1].kind, .punctuation)
        for token in text.tokens { XCTAssertEqual(slice(input, token.start, token.end), text.text(of: token)) }
        XCTAssertEqual(text.sentences.count, 1)
    }

    func testTwoSentencesThatLostTheSpaceBetweenThemAreSplit() throws {
        // Scraped pages lose the space after a full stop ("reports.This"); ICU keeps letter.letter
        // as one word, so the two sentences and both words were one token. They are split, in each
        // language, with exact offsets; outlet domains, abbreviations and initials are not.
        let cases: [(String, [String])] = [
            (
                "Flights were suspended, News.Az reports.This move follows the crash.",
                ["Flights were suspended, News.Az reports.", "This move follows the crash."]
            ),
            (
                "Встреча прошла в Турции.Напомним, что Report.az писал об этом.",
                ["Встреча прошла в Турции.", "Напомним, что Report.az писал об этом."]
            ),
            (
                "Rusiya taxıl alır.Qeyd edək ki, Bizim.Media yazır.",
                ["Rusiya taxıl alır.", "Qeyd edək ki, Bizim.Media yazır."]
            ),
            // Not glue: a title before a name, a domain, an abbreviation, a short word after the stop.
            (
                "Dr.Hasanov met Mr.Putin in St.Petersburg, e.g. on Day.Az and it.In Baku.",
                [
                    "Dr.Hasanov met Mr.Putin in St.Petersburg, e.g. on Day.Az and it.In Baku."
                ]
            ),
        ]
        for (input, sentences) in cases {
            let text = try segmenter.segment(input)
            XCTAssertEqual(text.sentences.map { text.text(of: $0) }, sentences, input)
            for token in text.tokens { XCTAssertEqual(slice(input, token.start, token.end), text.text(of: token)) }
        }
        let glued = try segmenter.segment("Flights were suspended, News.Az reports.This move follows.")
        XCTAssertEqual(
            words(glued),
            ["Flights", "were", "suspended", ",", "News.Az", "reports", ".", "This", "move", "follows", "."])
        // A title glued to a name splits into tokens (the name is read) but not into sentences.
        let title = try segmenter.segment("Mr.Putin arrived.")
        XCTAssertEqual(words(title), ["Mr", ".", "Putin", "arrived", "."])
        XCTAssertEqual(title.sentences.count, 1)
    }

    func testARunWithoutPunctuationIsCutIntoBoundedSentencesAtWordStarts() throws {
        // 2,000 Russian words and no punctuation (as a scraped page without markup can be).
        let words = (0..<2000).map { ["Москва", "и", "Баку", "обсуждают", "транзит"][$0 % 5] }
        let input = words.joined(separator: " ")
        let text = try segmenter.segment(input)
        XCTAssertEqual(text.sentences.count, 5)
        XCTAssertTrue(text.sentences.allSatisfy { $0.tokens.count <= SentenceSplitter.maximumTokens })
        let scalars = Array(input.unicodeScalars)
        for s in text.sentences.dropFirst() {
            XCTAssertEqual(scalars[Int(s.start) - 1], " ", "cut after white space")
            XCTAssertNotEqual(scalars[Int(s.start)], " ")
        }
        XCTAssertEqual(text.sentences.map { $0.tokens.count }.reduce(0, +), 2000)
        // An ordinary paragraph is untouched.
        XCTAssertEqual(try segmenter.segment("Moscow denied it. Baku did not.").sentences.count, 2)
    }

    func testLanguageIsDetectedPerSentenceInMixedText() throws {
        let input = """
            Azerbaijan demanded an official apology from Moscow. Москва отказалась признать вину в катастрофе. \
            Bakı bu addımı ciddi narahatlıqla qarşıladı.
            """
        let text = try segmenter.segment(input)
        XCTAssertEqual(text.sentences.map(\.language), [.en, .ru, .az])
    }

    func testImposedLanguageOverridesDetection() throws {
        let text = try segmenter.segment("Москва отказалась. Baku insisted.", language: .az)
        XCTAssertEqual(text.sentences.map(\.language), [.az, .az])
    }

    func testAnEnglishSentenceNamingAnAzerbaijaniFigureStaysEnglish() throws {
        let text = try segmenter.segment(
            "Elmar Məmmədyarov told reporters in Bakı that the accusations were absurd and baseless.")
        XCTAssertEqual(text.sentences.map(\.language), [.en])
    }

    /// Names are spelled alike in both languages: an Azerbaijani meeting report that is mostly
    /// names is told by its other words ("görüşüb"), and an English sentence stays English
    /// whatever the names' letters.
    func testAnAzerbaijaniSentenceOfMostlyNamesIsAzerbaijani() throws {
        let text = try segmenter.segment(
            "Ceyhun Bayramov Sergey Lavrovla Moskvada görüşüb. Putin and Əliyev met Şahin Mustafayev in Dushanbe.")
        XCTAssertEqual(text.sentences.map(\.language), [.az, .en])
    }

    func testShortSentencesWithoutEvidenceTakeTheDocumentLanguage() throws {
        let text = try segmenter.segment("AZAL. Самолёт компании был сбит над Грозным, заявили источники.")
        XCTAssertEqual(text.sentences.first?.language, .ru)
    }

    func testParagraphsAndHeadline() throws {
        let input = "Russia-Azerbaijan Tensions: A Rift?\n\nFirst paragraph. Second sentence.\r\n\r\nThird\rParagraph."
        let text = try segmenter.segment(input)
        XCTAssertEqual(text.sentences.first.map { text.text(of: $0) }, "Russia-Azerbaijan Tensions: A Rift?")
        XCTAssertEqual(text.sentences.map(\.isHeadline), [true, false, false, false, false])
        XCTAssertEqual(text.sentences.map(\.paragraph), [0, 1, 1, 2, 2])
        XCTAssertEqual(text.paragraphCount, 3)
        // Scraped text without blank lines: each line that ends a sentence ends a paragraph, and
        // a first line without a full stop is the headline; a wrapped line is not a paragraph.
        let scraped = try segmenter.segment(
            "Putin admits responsibility for the crash\nPutin apologised to Aliyev. He promised compensation.\n"
                + "Recall that the plane was shot down\nover Grozny in December.")
        XCTAssertEqual(scraped.sentences.map(\.isHeadline), [true, false, false, false])
        XCTAssertEqual(scraped.sentences.map(\.paragraph), [0, 1, 1, 2])
        let noHeadline = try segmenter.segment("Putin apologised to Aliyev.\nHe promised compensation.")
        XCTAssertEqual(noHeadline.sentences.map(\.isHeadline), [false, false])
        XCTAssertEqual(noHeadline.sentences.map(\.paragraph), [0, 1])
    }

    func testASingleLineBreakInsideASentenceOfWrappedTextIsASpace() throws {
        // The next line goes on in lower case: one sentence, in any text.
        let short = try segmenter.segment("Moscow refused\nto apologise for the AZAL crash.")
        XCTAssertEqual(short.sentences.count, 1)
        // Hard-wrapped text (most line breaks fall inside sentences): every line break after a
        // word, a comma or a hyphen is a space, before a capital too; sentence punctuation still ends.
        let wrapped = try segmenter.segment(
            """
            Russia has refused to apologise for the downing of the
            Azerbaijan Airlines plane, and Baku accused Russia of a
            cover-up. The Kremlin denied
            any role. Россия отказалась признать вину, а Баку обвинил
            Москву в сокрытии.
            """)
        XCTAssertEqual(
            wrapped.sentences.map { wrapped.text(of: $0).replacingOccurrences(of: "\n", with: " ") },
            [
                "Russia has refused to apologise for the downing of the Azerbaijan Airlines plane, and Baku accused "
                    + "Russia of a cover-up.",
                "The Kremlin denied any role.", "Россия отказалась признать вину, а Баку обвинил Москву в сокрытии.",
            ])
        // Not wrapped: a headline over its lead, and lines that each say one thing, stay apart.
        let headline = try segmenter.segment("Aliyev skips the parade in Moscow\nWhen principles matter more.")
        XCTAssertEqual(headline.sentences.count, 2)
        let list = try segmenter.segment("Talks in Baku\nTrade up 10%\nRussian House closed")
        XCTAssertEqual(list.sentences.count, 3)
    }

    func testNoHeadlineWhenTheFirstLineIsNotFollowedByABlankLine() throws {
        let text = try segmenter.segment("One line.\nAnother line.")
        XCTAssertFalse(text.sentences.contains { $0.isHeadline })
    }

    func testEmptyAndWhiteSpaceInputGiveNoSentences() throws {
        for input in ["", "   \n\n\t ", "\u{200B}"] {
            let text = try segmenter.segment(input)
            XCTAssertTrue(text.tokens.isEmpty, "input \(input.debugDescription)")
            XCTAssertTrue(text.sentences.isEmpty)
        }
    }

    func testEmojiAndZeroWidthJoinerSequencesAreOneSymbol() throws {
        let input = "Baku 👨‍👩‍👧 🇦🇿 done"
        let text = try segmenter.segment(input)
        XCTAssertEqual(words(text), ["Baku", "👨‍👩‍👧", "🇦🇿", "done"])
        XCTAssertEqual(text.tokens[1].kind, .symbol)
        XCTAssertEqual(text.tokens[1].end - text.tokens[1].start, 5)
        XCTAssertEqual(slice(input, text.tokens[3].start, text.tokens[3].end), "done")
    }

    func testInvalidUTF8KeepsOffsetsOfTheValidTextAroundIt() throws {
        // C3 28 (bad continuation), a lone FF, then a truncated 3-byte sequence at the very end.
        let bytes: [UInt8] =
            Array("Baku ".utf8) + [0xC3, 0x28] + Array(" Moscow ".utf8) + [0xFF] + Array(" Россия ".utf8)
            + [0xE2, 0x82]
        let text = try segmenter.segment(bytes)
        XCTAssertFalse(text.isValidUTF8)
        let decoded = String(decoding: bytes, as: UTF8.self)
        for token in text.tokens {
            XCTAssertEqual(Array(bytes[token.byteRange]), Array(text.bytes[token.byteRange]))
            XCTAssertEqual(slice(decoded, token.start, token.end), text.text(of: token))
        }
        let names = text.tokens.filter { $0.kind == .word }.map { text.text(of: $0) }
        XCTAssertEqual(names, ["Baku", "Moscow", "Россия"])
        let moscow = text.tokens.first { text.text(of: $0) == "Moscow" }!
        XCTAssertEqual([moscow.byteStart, moscow.start], [8, 8], "C3 counts as one U+FFFD, '(' as itself")
        let tail = text.tokens.last!
        XCTAssertEqual(tail.kind, .symbol)
        XCTAssertEqual([tail.byteStart, tail.byteEnd], [30, 32], "byte offsets refer to the original bytes")
        XCTAssertEqual([tail.start, tail.end], [24, 25], "a truncated sequence is one U+FFFD")
        XCTAssertEqual(text.scalarCount, decoded.unicodeScalars.count)
    }

    func testTenMegabyteSingleLineIsSegmented() throws {
        let unit = "Azerbaijan and Russia signed a declaration on allied interaction, Aliyev said; "
        let input = String(repeating: unit, count: 10_000_000 / unit.utf8.count + 1)
        let text = try segmenter.segment(input)
        XCTAssertGreaterThan(input.utf8.count, 10_000_000)
        XCTAssertEqual(text.tokens.count, (input.utf8.count / unit.utf8.count) * 13, "13 tokens per repetition")
        let last = text.tokens.last!
        XCTAssertEqual(Int(last.end), input.unicodeScalars.count - 1, "the last token ends before the final space")
    }
}
