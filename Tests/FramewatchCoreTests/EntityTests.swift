import FramewatchCore
import XCTest

final class EntityTests: XCTestCase {
    var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try Analyzer(TestPacks.mini)
    }

    func ids(_ text: String) throws -> [String] {
        try analyzer.analyze(text).entities.map(\.id)
    }

    func testAnEnglishAliasKeepsTheCapitalsOfEveryWord() throws {
        // Real set 20: "Aktau airport" is the city's airport described, not the name "Aktau
        // Airport"; an Azerbaijani or Russian name may write its later words in lower case.
        let standard = try Analyzer(TestPacks.standard)
        func ids(_ text: String) throws -> [String] { try standard.analyze(text).entities.map(\.id) }
        XCTAssertEqual(try ids("The plane crashed near Aktau Airport on Wednesday."), ["aktau_airport"])
        XCTAssertEqual(try ids("The plane crashed near Aktau airport on Wednesday."), ["aktau"])
        XCTAssertTrue(try ids("Milli məclisin deputatı Rusiyanı tənqid edib.").contains("azerbaijan_milli_majlis"))
    }

    func testAnInflectedAliasWordOfALongerNameStillFindsItsOwnEntity() throws {
        // «МИД Китая» makes «китая» an alias word; its stem «кит» (less the ending «ая») was found
        // first and hid «Китай» + «я», so bare «Китая» stopped being China.
        let standard = try Analyzer(TestPacks.standard)
        let ids = try standard.analyze("Представитель Китая заявил, что МИД Китая поддерживает переговоры.")
            .entities.map(\.id)
        XCTAssertEqual(ids, ["china", "china_foreign_ministry"])
    }

    func testANamesFirstCapitalIsDemandedEvenWhereAnAdjectiveSharesItsFirstWord() throws {
        // "азербайджанское" is also an adjective of Azerbaijan; the trie node the two share took
        // the adjective's looser letter case, and a lower-case "азербайджанского телевидения"
        // (Azerbaijani television in general) was AzTV.
        let standard = try Analyzer(TestPacks.standard)
        XCTAssertEqual(
            try standard.analyze("По данным азербайджанского телевидения, всё спокойно.").entities.map(\.id),
            ["azerbaijan"])
        XCTAssertEqual(
            try standard.analyze("По данным Азербайджанского телевидения, всё спокойно.").entities.map(\.id), ["aztv"])
        // Neuter regions in -ье decline on the stem: «Приднестровью», «Приднестровья».
        XCTAssertEqual(
            try standard.analyze("Москва оказывает помощь Приднестровью и жителям Приднестровья.").entities.map(\.id),
            ["moscow", "transnistria"])
    }

    func testAnEnglishPossessiveIsNotPartOfTheMention() throws {
        // The codebook's surface rule: in "Moscow's", the surface is "Moscow" (also with a
        // typographic apostrophe, and for a person the gazetteer does not list).
        let standard = try Analyzer(TestPacks.standard)
        let text = "Moscow's envoy met Azerbaijan’s minister and Sergiy Kyun's lawyers; Russia stayed silent."
        let report = try standard.analyze(text)
        let mentions = report.entities.flatMap { e in e.mentions.map { (e.id, $0.text) } }
        for (id, surface) in [
            ("moscow", "Moscow"), ("azerbaijan", "Azerbaijan"), ("sergiy_kyun", "Sergiy Kyun"), ("russia", "Russia"),
        ] {
            XCTAssertTrue(mentions.contains { $0 == (id, surface) }, "\(id): \(mentions)")
        }
        for e in report.entities {
            for m in e.mentions {
                XCTAssertEqual(scalarSlice(text, m.start, m.end), m.text)
                XCTAssertEqual(String(decoding: Array(text.utf8)[m.startByte..<m.endByte], as: UTF8.self), m.text)
            }
        }
        // Azerbaijani and Russian case endings stay in the surface, also after a hyphen; an
        // English hyphenated compound keeps only the name.
        let hyphens = try standard.analyze("AzVision.az Trend-ə istinadən xəbər verir ki, FSB-yə müraciət edilib.")
        XCTAssertEqual(hyphens.entity("trend")?.mentions.first?.text, "Trend-ə")
        XCTAssertEqual(hyphens.entity("fsb")?.mentions.first?.text, "FSB-yə")
        XCTAssertEqual(
            try standard.analyze("The Baku-based outlet reported it.").entity("baku")?.mentions.first?.text, "Baku")
        XCTAssertEqual(
            try standard.analyze("Azərbaycan'ın mövqeyi dəyişmədi.").entities.first?.mentions.first?.text,
            "Azərbaycan'ın")
    }

    func testFirstNamesListedWithCommasBeforeAPluralSurname() throws {
        // Real sets 20 and 21: «Акиф, Аяз, Бакир, Камал, Мазахир Сафаровы» named one brother.
        let standard = try Analyzer(TestPacks.standard)
        func ids(_ text: String) throws -> Set<String> { Set(try standard.analyze(text).entities.map(\.id)) }
        let brothers: Set<String> = ["akif_safarov", "ayaz_safarov", "kamal_safarov", "mazahir_safarov"]
        XCTAssertEqual(try ids("Акиф, Аяз, Камал, Мазахир Сафаровы задержаны."), brothers)
        XCTAssertEqual(try ids("Akif, Ayaz, Kamal, Mazahir Səfərovların məhkəməsi başlayıb."), brothers)
        // A two-letter acronym before a possessive apostrophe is still the name.
        XCTAssertEqual(try ids("The EU’s decision and the US's reply angered Moscow."), ["eu", "usa", "moscow"])
        // A name whose last or first words are quoted as a whole is still one name; a quotation
        // that closes inside a longer span still ends the name.
        XCTAssertEqual(try ids("Нападение на кафе «Каспий» в Екатеринбурге."), ["kaspiy_cafe", "yekaterinburg"])
        XCTAssertEqual(
            try ids("The raid on the \"Caspian\" restaurant in Yekaterinburg."), ["kaspiy_cafe", "yekaterinburg"])
        XCTAssertEqual(try ids("«Русский дом» в Баку закрыт."), ["russkiy_dom", "baku"])
        // A singular surname after a comma starts a new name.
        XCTAssertEqual(try ids("Задержан Аяз, Мазахир Сафаров дал показания."), ["mazahir_safarov"])
    }

    func testRussianCaseFormsFindTheSameFigure() throws {
        for text in [
            "Эльмар Мамедъяров дал интервью.", "Интервью Мамедъярова вышло вчера.", "Мамедъярову предъявили обвинения.",
            "С Мамедъяровым никто не говорил.",
        ] {
            XCTAssertEqual(try ids(text), ["elmar_mammadyarov"], text)
        }
        XCTAssertEqual(try ids("Москвы, Москве и Москвой"), ["moscow"])
        XCTAssertEqual(try ids("в России и Баку"), ["russia", "baku"])
    }

    func testAzerbaijaniSuffixChainsFindTheSameFigure() throws {
        for text in [
            "Məmmədyarovun açıqlaması", "Məmmədyarova sual verildi", "Bakıda görüş keçirildi", "Rusiyanın mövqeyi",
        ] {
            XCTAssertEqual(try ids(text).count, 1, text)
        }
        XCTAssertEqual(try ids("Moskvadan Bakıya"), ["moscow", "baku"])
        XCTAssertEqual(try ids("Rusiyadakılar"), ["russia"], "a chain of two suffixes")
    }

    func testCrossScriptAndTransliterationVariants() throws {
        XCTAssertEqual(try ids("Elmar Mamedyarov"), ["elmar_mammadyarov"])
        XCTAssertEqual(try ids("ELMAR MƏMMƏDYAROV"), ["elmar_mammadyarov"])
        XCTAssertEqual(try ids("İLHAM ƏLİYEV"), ["ilham_aliyev"])
    }

    func testAdjectivesMapToTheirCountry() throws {
        let r = try analyzer.analyze("Russian diplomats met азербайджанских коллег; российская сторона и rus tərəfi.")
        let russia = try XCTUnwrap(r.entity("russia"))
        XCTAssertEqual(russia.mentions.map(\.form), ["adjective", "adjective", "adjective"])
        XCTAssertEqual(russia.mentions.map(\.text), ["Russian", "российская", "rus"])
        XCTAssertEqual(r.entity("azerbaijan")?.mentions.first?.text, "азербайджанских")
        // An adjective matches words of its own script only: the Cyrillic word that transliterates
        // to Azerbaijani `rus` ("Русь", Rus') and a Latin spelling of `российская` are other words.
        XCTAssertEqual(try ids("Киевская Русь и Rossiyskaya Gazeta."), [])
        XCTAssertEqual(try ids("rus dili, Russian language, российская газета"), ["russia"])
    }

    func testMultiTokenNameIsOneMentionAndTheSurnameLinksBack() throws {
        let r = try analyzer.analyze("Ilham Aliyev spoke first. Later Aliyev added a remark.")
        XCTAssertEqual(r.entities.map(\.id), ["ilham_aliyev"])
        XCTAssertEqual(r.entity("ilham_aliyev")?.mentions.map(\.text), ["Ilham Aliyev", "Aliyev"])
        XCTAssertTrue(r.ambiguous.isEmpty)
        let heydar = try analyzer.analyze("Heydar Aliyev founded the party. Aliyev ruled until 2003.")
        XCTAssertEqual(heydar.entity("heydar_aliyev")?.mentions.count, 2)
    }

    func testSurnameOfAFullNameIsAnImplicitShortForm() throws {
        let r = try analyzer.analyze(
            "Defence Minister Zakir Hasanov visited Moscow. Hasanov met his counterpart. Гасанова видели там.")
        XCTAssertEqual(r.entity("zakir_hasanov")?.mentions.map(\.text), ["Zakir Hasanov", "Hasanov", "Гасанова"])
    }

    func testANameEndingInANumberIsMatchedOnlyAsWritten() throws {
        let standard = try Analyzer(TestPacks.standard)
        XCTAssertEqual(try standard.analyze("В России 1 сентября начался учебный год.").entities.map(\.id), ["russia"])
        XCTAssertEqual(
            try standard.analyze("Ведущий канала «Россия-1» снова напал на Баку.").entity("rossiya_1")?.mentions.map(
                \.text),
            ["Россия-1"])
        XCTAssertEqual(
            try standard.analyze("Ведущий на «России-1» снова напал на Баку.").entity("rossiya_1")?.mentions.map(
                \.text),
            ["России-1"])
    }

    func testAnUndeclaredSurnameNamesNoOneBeforeTheFullName() throws {
        // Default pack: Leonid Kalashnikov lists no short form, so "Калашникова" alone is the rifle's
        // maker, not the deputy; after his full name the bare surname is him.
        let standard = try Analyzer(TestPacks.standard)
        XCTAssertEqual(try standard.analyze("Автомат Калашникова стал символом эпохи.").entities.map(\.id), [])
        let after = try standard.analyze("Leonid Kalashnikov spoke first. Later Kalashnikov added a warning.")
        XCTAssertEqual(after.entity("leonid_kalashnikov")?.mentions.map(\.text), ["Leonid Kalashnikov", "Kalashnikov"])
    }

    func testAPreferredEntitySettlesAnUnresolvedShortFormButStaysListedAsAmbiguous() throws {
        let r = try analyzer.analyze("Hasanov spoke.")
        XCTAssertEqual(r.entities.map(\.id), ["zakir_hasanov"])
        XCTAssertEqual(r.ambiguous.first?.candidates, ["ali_hasanov", "zakir_hasanov"])
        XCTAssertEqual(r.ambiguous.first?.resolved, "zakir_hasanov")
        let full = try analyzer.analyze("Ali Hasanov arrived. Hasanov spoke.")
        XCTAssertEqual(full.entity("ali_hasanov")?.mentions.count, 2, "an earlier full name beats the preference")
    }

    func testAnAmbiguousShortFormIsReportedNotGuessed() throws {
        let r = try analyzer.analyze("Aliyev spoke in Baku.")
        XCTAssertNil(r.entity("ilham_aliyev"))
        XCTAssertEqual(r.ambiguous.first?.text, "Aliyev")
        XCTAssertEqual(r.ambiguous.first?.candidates.sorted(), ["heydar_aliyev", "ilham_aliyev"])
    }

    func testAcronymAliasesNeedCapitals() throws {
        XCTAssertEqual(try ids("The US reacted."), ["united_states"])
        XCTAssertEqual(try ids("Tell us more."), [])
    }

    func testCityAdjectivesPutTheCityInScopeButAreNotReported() throws {
        // Codebook: adjectives derived from cities are not named entities (`report_adjectives =
        // false`), but the Moscow court is still a Russia target and the Baku businessman an
        // Azerbaijan one.
        let r = try Analyzer(TestPacks.standard).analyze("Московский суд арестовал бакинского бизнесмена.")
        XCTAssertEqual(r.entities.map(\.id), [])
        XCTAssertEqual(r.targets.map(\.entity), ["russia", "azerbaijan"])
        // Country adjectives are still reported.
        let country = try Analyzer(TestPacks.standard).analyze("Российский суд арестовал азербайджанского бизнесмена.")
        XCTAssertEqual(country.entities.map(\.id), ["russia", "azerbaijan"])
    }

    func testInflectedNamesInAnAzerbaijaniMeetingReportOfMostlyNames() throws {
        // Detected as English until 1.20.0, so "Lavrovla" and "Moskvada" kept their endings.
        let r = try Analyzer(TestPacks.standard).analyze("Ceyhun Bayramov Sergey Lavrovla Moskvada görüşüb.")
        XCTAssertEqual(r.lang, .az)
        XCTAssertEqual(Set(r.entities.map(\.id)), ["jeyhun_bayramov", "sergey_lavrov", "moscow"])
    }

    func testALatinWordDoesNotReachTheStemOfACyrillicAlias() throws {
        // Real set 29: Azerbaijani "İndicə" ("just now") is "İndi" + "cə", and «Индия» has the stem
        // «Инди-» (for «Индии», «Индию»): only a Cyrillic word inflects on a Russian stem.
        let standard = try Analyzer(TestPacks.standard)
        func ids(_ text: String) throws -> [String] { try standard.analyze(text).entities.map(\.id) }
        XCTAssertEqual(try ids("İndicə məlum olub ki, Rusiya razılaşıb."), ["russia"])
        XCTAssertEqual(try ids("Делегация Индии прибыла в Москву."), ["india", "moscow"])
        XCTAssertEqual(try ids("Hindistanın nümayəndə heyəti Moskvaya gəlib."), ["india", "moscow"])
    }

    func testAnotherFirstNameBeforeAKnownSurnameIsAnotherPerson() throws {
        let standard = try Analyzer(TestPacks.standard)
        // (Listed people: a namesake is reported as a person the gazetteer does not list.)
        func people(_ text: String) throws -> [String] {
            try standard.analyze(text).entities.filter { $0.type == .person && $0.listed != false }.map(\.id)
        }
        // "Elchin Aliyev", "Эльчин Алиев", "Vüqar Həsənov": namesakes, not the figures.
        XCTAssertEqual(
            try standard.analyze("A trader, Elchin Aliyev, said prices rose.").entities.filter { $0.listed == false }
                .map(\.id), ["elchin_aliyev"])
        XCTAssertEqual(try people("A trader, Elchin Aliyev, said prices rose."), [])
        XCTAssertEqual(try people("Торговец Эльчин Алиев рассказал о проверках."), [])
        XCTAssertEqual(try people("Tacir Vüqar Həsənov bildirib ki, yoxlamalar artıb."), [])
        // …and so is a later bare surname, until the figure is named in full.
        XCTAssertEqual(
            try people("Ilham Aliyev met Putin. Later, a trader, Elchin Aliyev, said prices rose. Aliyev was afraid."),
            ["ilham_aliyev", "vladimir_putin"])
        XCTAssertEqual(
            try standard.analyze("Ilham Aliyev met Putin. Then a trader, Elchin Aliyev, spoke. Aliyev was afraid.")
                .entity("ilham_aliyev")?.mentions.count, 1)
        // Titles and spelling variants of the figure's own first name keep the figure.
        XCTAssertEqual(try people("Azerbaijan's leader, President Aliyev, spoke."), ["ilham_aliyev"])
        XCTAssertEqual(try people("The talks with Ilkham Aliyev went well."), ["ilham_aliyev"])
        XCTAssertEqual(try people("The decision of Foreign Minister Bayramov was clear."), ["jeyhun_bayramov"])
    }

    func testTwoFirstNamesBeforeOneSurnameAreTwoPeople() throws {
        // "Huseyn and Ziyaddin Safarov": the brothers of the Yekaterinburg raid, in each language
        // (inflected in Russian); "Elchin and Ilham Aliyev" names no second figure.
        let standard = try Analyzer(TestPacks.standard)
        for text in [
            "Huseyn and Ziyaddin Safarov died after the raid.", "Тела Зияддина и Гусейна Сафаровых доставлены в Баку.",
            "Ziyəddin və Hüseyn Səfərov qardaşları həlak olub.",
        ] {
            XCTAssertEqual(
                Set(try standard.analyze(text).entities.map(\.id)).intersection(["huseyn_safarov", "ziyaddin_safarov"]),
                ["huseyn_safarov", "ziyaddin_safarov"], text)
        }
        XCTAssertEqual(
            try standard.analyze("Elchin and Ilham Aliyev met.").entities.filter { $0.type == .person }.map(\.id),
            ["ilham_aliyev"])
        // A longer list, commas between (a serial comma too), each first name its own person;
        // a list that stops at a word that is no such first name stops there.
        let relatives: Set = ["akif_safarov", "ayaz_safarov", "kamal_safarov", "mazahir_safarov"]
        for text in [
            "Police detained Akif, Ayaz, Kamal and Mazahir Safarov.",
            "Police detained Akif, Ayaz, Kamal, and Mazahir Safarov.",
            "Полиция задержала Акифа, Кямала, Аяза и Мазахира Сафаровых.",
            "Akif, Kamal, Ayaz və Məzahir Səfərov saxlanılıb.",
        ] {
            XCTAssertEqual(Set(try standard.analyze(text).entities.map(\.id)).intersection(relatives), relatives, text)
        }
        XCTAssertEqual(
            Set(try standard.analyze("Police detained Akif, Bob and Mazahir Safarov.").entities.map(\.id))
                .intersection(relatives), ["mazahir_safarov"])
    }

    func testAnAliasWithAFullStopMatchesWhole() throws {
        // "St. Petersburg": the stop is a token in the text, so it is one in the alias too (it
        // was dropped, and only "Petersburg" matched); hyphens stay transparent.
        let standard = try Analyzer(TestPacks.standard)
        let r = try standard.analyze("He flew from St. Petersburg to Санкт-Петербург, then to U.S. partners.")
        XCTAssertEqual(
            r.entities.first { $0.id == "st_petersburg" }?.mentions.map(\.text), ["St. Petersburg", "Санкт-Петербург"])
    }

    func testATwoLetterAcronymMatchesInItsOwnScriptOnly() throws {
        // Russian "УК" is the Criminal Code and "РТ" may be Tajikistan; their cross-script keys
        // equal the Latin acronyms "UK" and "RT", which must not match them.
        let standard = try Analyzer(TestPacks.standard)
        let ru = try standard.analyze("Его обвинили по статье 105 УК РФ, сообщили в Душанбе власти РТ.")
        XCTAssertFalse(ru.entities.contains { $0.id == "uk" || $0.id == "rt" }, ru.entities.map(\.id).description)
        // «УК РФ» names the Criminal Code, a document (matched, not reported), not Russia (1.37.0).
        XCTAssertFalse(ru.entities.contains { $0.id == "russia" }, ru.entities.map(\.id).description)
        XCTAssertTrue(try standard.analyze("Власти РФ ответили Баку.").entities.contains { $0.id == "russia" })
        let en = try standard.analyze("The UK and the US reacted; RT aired the statement.")
        XCTAssertEqual(Set(en.entities.map(\.id)).intersection(["uk", "usa", "rt"]), ["uk", "usa", "rt"])
    }

    func testAnInitialBeforeASurnameNamesThePersonWhoseFirstNameItStarts() throws {
        // "И.Алиев", "V. Putin", "Ш.Мустафаев" (no bare surname in the gazetteer): the initial
        // makes the surname a full name, the mention starting at the initial; an initial that
        // starts none of the candidates' first names is someone else ("Н.Алиев").
        let standard = try Analyzer(TestPacks.standard)
        func people(_ text: String) throws -> [String: [String]] {
            var found: [String: [String]] = [:]
            for e in try standard.analyze(text).entities where e.type == .person {
                found[e.id] = e.mentions.map(\.text)
            }
            return found
        }
        XCTAssertEqual(
            try people("В.В.Путин и И.Алиев провели переговоры."),
            ["vladimir_putin": ["В.В.Путин"], "ilham_aliyev": ["И.Алиев"]])
        XCTAssertEqual(try people("Вице-премьер Ш.Мустафаев заявил."), ["shahin_mustafayev": ["Ш.Мустафаев"]])
        XCTAssertEqual(
            try people("M.Əliyeva və İ.Əliyev tədbirdə iştirak edib."),
            ["mehriban_aliyeva": ["M.Əliyeva"], "ilham_aliyev": ["İ.Əliyev"]])
        // An initial that starts no listed Aliyev's first name (Н is Nurlan Aliyev's since 1.44.0).
        XCTAssertEqual(try people("Ю.Алиев и V. Putin."), ["vladimir_putin": ["V. Putin"]])
        XCTAssertEqual(
            try people("Н.Алиев и V. Putin."), ["nurlan_aliyev": ["Н.Алиев"], "vladimir_putin": ["V. Putin"]])
    }

    func testARussianOfficialAccusingBakuIsMoscowsSideNotAntiRussianFraming() throws {
        // Codebook rule 8: "Zakharova accused Azerbaijani media…" is Moscow's grievance. The
        // accusation verb names the speaker (it is also a cue), and the sentence's negative tone
        // leans the anti-Russian pole only ×russian_speaker_factor, like its cues.
        let standard = try Analyzer(TestPacks.standard)
        for (text, lang) in [
            (
                "Russian Foreign Ministry spokeswoman Maria Zakharova accused Azerbaijani media of waging a Russophobic campaign.",
                Language.en
            ),
            ("Захарова обвинила азербайджанские СМИ в развязывании русофобской кампании.", .ru),
        ] {
            let r = try standard.analyze(text, language: lang)
            XCTAssertEqual(r.sentences.first?.speaker, "maria_zakharova", text)
            XCTAssertNotEqual(r.frame.label, .antiRussian, text)
        }
        // The same verb with an Azerbaijani speaker accusing Moscow stays anti-Russian.
        let baku = try standard.analyze("Ilham Aliyev accused Moscow of trying to hush up the truth about the crash.")
        XCTAssertEqual(baku.frame.label, .antiRussian)
    }

    func testAConciliatoryCuePairingRussiaWithAThirdPartyIsNotAboutAzerbaijan() throws {
        // "Russia and Iran reached a compromise" is Moscow's tie with Tehran: the cue counts as
        // having no Russia target (×target_none), in each language; with Azerbaijan as the partner
        // it counts in full. An anti-Russian cue is not affected: Russia threatening Ukraine is
        // still Russia's conduct.
        let standard = try Analyzer(TestPacks.standard)
        for (elsewhere, withBaku, cue) in [
            ("Russia and Iran reached a compromise.", "Russia and Azerbaijan reached a compromise.", "compromise"),
            ("Россия и Иран достигли компромисса.", "Россия и Азербайджан достигли компромисса.", "компромисса"),
            ("Rusiya və İran kompromisə nail olub.", "Rusiya və Azərbaycan kompromisə nail olub.", "kompromisə"),
        ] {
            let paired = try XCTUnwrap(standard.analyze(elsewhere, explain: true).evidence(cue), elsewhere)
            XCTAssertEqual(paired.modifiers, ["no_target"], elsewhere)
            XCTAssertNil(paired.target, elsewhere)
            XCTAssertTrue(
                paired.trace?.contains { $0.reason.contains("pairs Russia with a third party") } ?? false, elsewhere)
            let bilateral = try XCTUnwrap(standard.analyze(withBaku).evidence(cue), withBaku)
            XCTAssertEqual(bilateral.target, "russia", withBaku)
            XCTAssertGreaterThan(bilateral.weight, paired.weight * 2, withBaku)
        }
        let threat = try standard.analyze("Russia and Iran threatened Ukraine.")
        let anti = try XCTUnwrap(threat.sentences[0].evidence.first { $0.category.hasPrefix("anti_russian") })
        XCTAssertEqual(anti.target, "russia")
        XCTAssertEqual(anti.modifiers, [])
    }

    func testAThreatVoicedByARussianSpeakerIsNotDampedAsMoscowsComplaint() throws {
        // The default pack's `[russian_speaker] exempt` lists anti_russian.coercion: Moscow's
        // complaint about Baku is damped (codebook rule 8), a Russian host's threat is not.
        let standard = try Analyzer(TestPacks.standard)
        for (threat, cue) in [
            ("Solovyov said Azerbaijan must be taught a lesson.", "taught a lesson"),
            ("Соловьёв заявил, что Азербайджан надо поставить на место.", "поставить на место"),
            ("Solovyov bildirib ki, Azərbaycana dərs vermək lazımdır.", "dərs vermək"),
        ] {
            let r = try standard.analyze(threat)
            XCTAssertEqual(r.evidence(cue)?.modifiers, ["quoted"], threat)
            XCTAssertEqual(r.frame.label, .antiRussian, threat)
        }
        let complaint = try standard.analyze("Zakharova said Baku interfered in Russia's affairs.")
        XCTAssertEqual(complaint.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        XCTAssertNotEqual(complaint.frame.label, .antiRussian)
    }

    func testVenuesNamedAfterAPersonAndAnEmbassyNamedEarlierInTheText() throws {
        // "The Heydar Aliyev Center" is the Baku venue, not the late president, in each language.
        let standard = try Analyzer(TestPacks.standard)
        for text in [
            "The exhibition opened at the Heydar Aliyev Center.", "Выставка открылась в Центре Гейдара Алиева.",
            "Sərgi Heydər Əliyev Mərkəzində açılıb.",
        ] {
            XCTAssertEqual(try standard.analyze(text).entities.map(\.id), ["heydar_aliyev_center"], text)
        }
        // A bare "посольство Азербайджана" is the embassy named in full before it (Kyiv), and the
        // one in Moscow when none was (the preferred reading in this coverage).
        let kyiv = try standard.analyze(
            "Ракета повредила посольство Азербайджана в Киеве. Сотрудники посольства Азербайджана не пострадали.")
        XCTAssertEqual(kyiv.entity("azerbaijan_embassy_in_ukraine")?.mentions.count, 2)
        XCTAssertNil(kyiv.entity("azerbaijan_embassy_in_russia"))
        let bare = try standard.analyze("Посольство Азербайджана выразило протест.")
        XCTAssertEqual(bare.entities.map(\.id), ["azerbaijan_embassy_in_russia"])
    }

    func testTheCodebooksContrastExamples() throws {
        // Corpora/README.md, hard case 5: the clause after "but" decides. Trust collapsing with the
        // two capitals named in between is the confrontation, in each language.
        let standard = try Analyzer(TestPacks.standard)
        for text in [
            "Trade grew, but trust between Baku and Moscow collapsed.",
            "Торговля росла, но доверие между Баку и Москвой рухнуло.",
            "Ticarət artdı, amma Bakı ilə Moskva arasında etimad çökdü.",
        ] {
            XCTAssertEqual(try standard.analyze(text).frame.label, .antiRussian, text)
        }
        XCTAssertEqual(
            try standard.analyze("Politics soured, but the trucks kept rolling.").frame.label,
            .conciliatory)
    }

    func testALowerCaseParticleIsNotASurname() throws {
        // "Polad Bülbül oğlu": "oğlu" ("his son") is not a short form of the name.
        let r = try Analyzer(TestPacks.standard).analyze("Anası deyir ki, oğlu iki gündür telefona cavab vermir.")
        XCTAssertEqual(r.entities.map(\.id), [])
    }

    func testAVenueIsNotAThirdParty() throws {
        // A cue in a clause naming only a third country is about that country; a venue city is
        // where it happened (`third_party = false`): the meeting in Dushanbe is Russia's context.
        let standard = try Analyzer(TestPacks.standard)
        let venue = try standard.analyze("Putin spoke in Moscow. The meeting in Dushanbe ended in a compromise.")
        XCTAssertEqual(venue.sentences[1].evidence.first?.modifiers, ["target_in_context"])
        let third = try standard.analyze("Putin spoke in Moscow. The meeting in Ankara ended in a compromise.")
        XCTAssertEqual(third.sentences[1].evidence.first?.modifiers, ["no_target"])
    }

    func testAQuotationMarkEndsAName() throws {
        // Quotation marks are transparent to multiword cues, not to names: «Русский дом» в Баку is
        // the Russkiy Dom, then Baku (the gazetteer also lists "Русский дом в Баку").
        let r = try Analyzer(TestPacks.standard).analyze("«Русский дом» в Баку закрыт.")
        XCTAssertEqual(r.entities.map(\.id), ["russkiy_dom", "baku"])
        XCTAssertEqual(r.entity("russkiy_dom")?.mentions.map(\.text), ["Русский дом"])
    }

    func testAnEndingAfterAnApostropheKeepsAnAcronymsCapitals() throws {
        // "SOCAR's", "AZAL'ın": the possessive or case ending is lower case, the name is not.
        let standard = try Analyzer(TestPacks.standard)
        for (text, id) in [
            ("Drones hit SOCAR's depot near Odesa.", "socar"), ("Drones hit SOCAR’s depot near Odesa.", "socar"),
            ("AZAL'ın təyyarəsi Aktau yaxınlığında qəzaya uğrayıb.", "azal"),
        ] {
            XCTAssertTrue(try standard.analyze(text).entities.map(\.id).contains(id), text)
        }
    }

    func testWatchListedFigureIsFlaggedWithAccusationsAndDenial() throws {
        let text = """
            Elmar Mammadyarov was labeled one of the spies of Russia and a fifth column. \
            Those accused have dismissed these claims.
            """
        let r = try analyzer.analyze(text)
        let e = try XCTUnwrap(r.entity("elmar_mammadyarov"))
        XCTAssertTrue(e.flagged)
        XCTAssertEqual(e.flagReason, "Named as a Russian agent of influence")
        XCTAssertEqual(e.accusations.map(\.text), ["spies", "fifth column"])
        XCTAssertEqual(e.accusations.map(\.subframe), ["anti_russian.espionage", "anti_russian.espionage"])
        XCTAssertEqual(e.denials.map(\.text), ["Those accused have dismissed these claims."])
        for a in e.accusations { XCTAssertEqual(scalarSlice(text, a.start, a.end), a.text) }
    }

    func testTheFiguresOwnWordsAreADenialNotAnAccusation() throws {
        let r = try analyzer.analyze("Mammadyarov stated that calling him one of the spies of Russia is absurd.")
        let e = try XCTUnwrap(r.entity("elmar_mammadyarov"))
        XCTAssertEqual(e.accusations, [])
        XCTAssertEqual(e.denials.map(\.text), ["spies"])
    }

    func testANameInflectsByItsOwnScriptInsideASentenceOfTheOtherLanguage() throws {
        // A Russian sentence quoting an Azerbaijani name in Latin script, and the reverse.
        let standard = try Analyzer(TestPacks.standard)
        let ru = try standard.analyze("Мамедъярова видели в Баку, а Əliyevin çıxışı все обсуждали.")
        XCTAssertEqual(ru.sentences[0].lang, .ru)
        XCTAssertEqual(Set(ru.entities.map(\.id)), ["elmar_mammadyarov", "baku", "ilham_aliyev"])
        let az = try standard.analyze("Bakıda Лаврову sual verdilər, Məmmədyarov isə susdu.")
        XCTAssertTrue(az.entities.map(\.id).contains("sergey_lavrov"))
    }

    func testTheObjectOfAnAccusationAndThePassiveSubjectAreAccusedNotSpeakers() throws {
        // "X accused Mehdiyev of …", "Mammadyarov was accused of …": the figure is the one accused,
        // in English as in Russian and Azerbaijani; "was dismissed" (from office) is no denial.
        let standard = try Analyzer(TestPacks.standard)
        for (text, id) in [
            ("Pro-government media accused Ramiz Mehdiyev of being a Russian agent.", "ramiz_mehdiyev"),
            ("Mammadyarov was accused of spying for Russia.", "elmar_mammadyarov"),
            ("Ramiz Mehdiyev was dismissed; critics called him a Russian agent.", "ramiz_mehdiyev"),
            ("СМИ обвинили Мамедъярова в шпионаже в пользу России.", "elmar_mammadyarov"),
        ] {
            let r = try standard.analyze(text)
            let e = try XCTUnwrap(r.entity(id), text)
            XCTAssertFalse(e.accusations.isEmpty, text)
            XCTAssertEqual(e.denials, [], text)
            XCTAssertNotEqual(r.sentences[0].speaker, id, text)
        }
        // The passive's agent speaks; a name after "said" at the end of the sentence still does.
        let agent = try standard.analyze("Mammadyarov was accused by Zakharova of spying.")
        XCTAssertEqual(agent.sentences[0].speaker, "maria_zakharova")
        let said = try standard.analyze("Russia is ready for talks, said Peskov.")
        XCTAssertEqual(said.sentences[0].speaker, "dmitry_peskov")
        let own = try standard.analyze("Mammadyarov denied spying for Russia.")
        XCTAssertEqual(own.sentences[0].speaker, "elmar_mammadyarov")
        XCTAssertFalse(try XCTUnwrap(own.entity("elmar_mammadyarov")).denials.isEmpty)
    }

    func testMentionOffsetsRoundTrip() throws {
        let text = "В Баку 👨‍👩‍👧 заявили: Мамедъярова и İLHAM ƏLİYEV видели в Москве."
        let r = try analyzer.analyze(text)
        XCTAssertFalse(r.entities.isEmpty)
        for e in r.entities {
            for m in e.mentions {
                XCTAssertEqual(scalarSlice(text, m.start, m.end), m.text)
                XCTAssertEqual(String(decoding: Array(text.utf8)[m.startByte..<m.endByte], as: UTF8.self), m.text)
            }
        }
        XCTAssertEqual(Set(r.entities.map(\.id)), ["baku", "elmar_mammadyarov", "ilham_aliyev", "moscow"])
    }

    func testASpeakerIsTheSubjectNotWhereItSitsOrWhoseMeasureItIs() throws {
        // Default pack. A place after a preposition or in a case form says where the speaker
        // sits; a Russian or Azerbaijani name in a case form before the verb is not its subject,
        // unless it is the Russian impersonal "в X заявили" or the institution of a post.
        let standard = try Analyzer(TestPacks.standard)
        func speaker(_ text: String) throws -> String? { try standard.analyze(text).sentences.first?.speaker }
        XCTAssertNil(try speaker("Baku expects an explanation, the embassy in Moscow said."))
        XCTAssertEqual(try speaker("Baku expects an explanation, Moscow said."), "moscow")
        // Rosselkhoznadzor's restrictions; Baku, in the impersonal form, reacts.
        XCTAssertEqual(try speaker("Новые ограничения Россельхознадзора в Баку восприняли как давление."), "baku")
        XCTAssertEqual(try speaker("В Госдуме обвинили Баку в русофобии."), "russia_state_duma")
        XCTAssertEqual(try speaker("Депутат Госдумы заявил, что связи не разорвать."), "russia_state_duma")
        // The ombudsman writes to Moskalkova (dative): she is not the speaker.
        XCTAssertEqual(
            try speaker("Ombudsman Səbinə Əliyeva Tatyana Moskalkovaya müraciət etdiyini bildirib."), "sabina_aliyeva")
        XCTAssertEqual(try speaker("Dövlət Dumasının deputatı deyib ki, əlaqələr qırıla bilməz."), "russia_state_duma")
        // The Azerbaijani genitive owns the reporting noun right after it: Putin speaks.
        XCTAssertEqual(try speaker("Putinin sözlərinə görə, Bakı ilə münasibətlər yaxşılaşır."), "vladimir_putin")
        XCTAssertEqual(try speaker("Zaxarovanın fikrincə, Bakı Moskvanı təhqir edir."), "maria_zakharova")
        // A name after the verb is its postposed speaker, not when a preposition governs it:
        // Baku insists on talks with Peskov, Peskov does not speak (Baku, the subject, does).
        XCTAssertEqual(try speaker("Baku demanded an apology, insisting on talks with Peskov."), "baku")
        XCTAssertNil(try speaker("Обвинение настаивает на связях с ФСБ."))
        XCTAssertEqual(try speaker("Baku wants an apology, insists Peskov."), "dmitry_peskov")
        // Unnamed Russian voices: the country's adjective before their noun and the verb.
        XCTAssertEqual(try speaker("Российские политологи заявили, что Баку вмешивался."), "russia")
        XCTAssertEqual(try speaker("Rusiyalı ekspertlər bildirib ki, Bakı müdaxilə edib."), "russia")
    }

    func testAPronounNextToTheVerbContinuesThePreviousSpeaker() throws {
        let standard = try Analyzer(TestPacks.standard)
        for text in [
            "Zakharova accused Baku of Russophobia. She added that Azerbaijan had staged the trial.",
            "Захарова обвинила Баку в русофобии. По ее словам, суд над россиянами был постановочным.",
            "Zaxarova Bakını rusofobiyada ittiham edib. Onun sözlərinə görə, məhkəmə saxtadır.",
        ] {
            XCTAssertEqual(
                try standard.analyze(text).sentences.map(\.speaker), ["maria_zakharova", "maria_zakharova"], text)
        }
        // No pronoun, no inherited speaker.
        XCTAssertEqual(
            try standard.analyze("Zakharova accused Baku of Russophobia. Officials added that the trial was staged.")
                .sentences.map(\.speaker), ["maria_zakharova", nil])
    }

    func testADenialReachesItsOwnClauseOnly() throws {
        // What the Russian side dismissed is denied; what many in Baku call it, after the comma,
        // is not. A passive denial still covers its subject.
        let standard = try Analyzer(TestPacks.standard)
        let report = try standard.analyze(
            "For months the Russian side dismissed talk of a missile, which many in Baku regard as a deliberate cover-up."
        )
        // (The Russian side speaks: "Russian" before the verb's subject.)
        XCTAssertEqual(report.sentences.first?.speaker, "russia")
        XCTAssertEqual(report.evidence("missile")?.modifiers, ["quoted", "denied"])
        XCTAssertEqual(report.evidence("cover-up")?.modifiers, ["quoted"])
        XCTAssertEqual(report.frame.label, .antiRussian)
        let passive = try standard.analyze("Accusations of a cover-up were rejected by the Kremlin.")
        XCTAssertEqual(passive.evidence("cover-up")?.modifiers, ["denied"])
    }

    func testAMultiwordDampenerReachesFromItsLastWord() throws {
        // "to a certain extent" + "pressured": the three-word scope counts from "extent".
        let report = try Analyzer(TestPacks.standard).analyze("Moscow has to a certain extent pressured Baku.")
        XCTAssertEqual(report.evidence("pressured")?.modifiers, ["damped"])
    }

    func testRussianClauseFinalNetNegatesWhatPrecedesIt() throws {
        // Default pack. "кризиса … нет" (there is no crisis): the existential negator closes its
        // clause and negates the cue before it; "Нет, кризис продолжается" negates nothing.
        let standard = try Analyzer(TestPacks.standard)
        let none = try standard.analyze("Песков: кризиса в отношениях с Баку нет.")
        XCTAssertEqual(none.frame.label, .conciliatory)
        XCTAssertTrue(none.evidence("кризиса в отношениях")?.modifiers.contains("negated") == true)
        let still = try standard.analyze("Нет, кризис в отношениях с Баку продолжается.")
        XCTAssertEqual(still.frame.label, .antiRussian)
        XCTAssertFalse(still.evidence("кризис в отношениях")?.modifiers.contains("negated") ?? true)
    }

    func testAMinistryBothCountriesShareTakesTheSideOfItsSpokespersonOrTheNameBeforeIt() throws {
        // The default pack: "МИД", "XİN", "Foreign Ministry" are short forms of both ministries.
        let standard = try Analyzer(TestPacks.standard)
        func ministry(_ text: String) throws -> String? {
            try standard.analyze(text).entities.first { $0.id.hasSuffix("foreign_ministry") }?.id
        }
        XCTAssertEqual(
            try ministry("Представитель МИД Мария Захарова заявила о провокации."), "russia_foreign_ministry")
        XCTAssertEqual(try ministry("Ceyhun Bayramov danışıb. XİN bəyanat yayıb."), "azerbaijan_foreign_ministry")
        XCTAssertEqual(try ministry("The Azeri Foreign Ministry issued a statement."), "azerbaijan_foreign_ministry")
        // The other side's name after it is what the ministry acts on, not whose it is; with an
        // envoy of that side (`rule.envoy`) the ministry is the host's.
        XCTAssertEqual(try ministry("XİN Rusiyanın səfirini çağırıb."), "azerbaijan_foreign_ministry")
        let acted = try standard.analyze("XİN Rusiya ilə bağlı bəyanat yayıb.")
        XCTAssertEqual(
            acted.ambiguous.first?.candidates.sorted(), ["azerbaijan_foreign_ministry", "russia_foreign_ministry"])
        // With no spokesperson, the last place or institution of one side named in that sentence
        // or the one before settles it; nothing named leaves it ambiguous.
        XCTAssertEqual(
            try standard.analyze("Police in Baku detained two men. The Interior Ministry said they were released.")
                .entities.first { $0.id.hasSuffix("interior_ministry") }?.id,
            "azerbaijan_interior_ministry")
        XCTAssertEqual(
            try ministry("В Москве прошли консультации. В МИД заявили, что диалог продолжится."),
            "russia_foreign_ministry")
        XCTAssertEqual(
            try standard.analyze("The Interior Ministry said two men were released.").ambiguous.first?.candidates
                .sorted(),
            ["azerbaijan_interior_ministry", "russia_interior_ministry"])
    }

    func testAnAcronymWithARussianCaseEndingIsTheAcronym() throws {
        // "МИДе", "МИДа", "МИДом": capitals and a short lower-case ending are the all-capitals alias
        // inflected; "Мидом" (an ordinary capitalised word) is not.
        let standard = try Analyzer(TestPacks.standard)
        for text in [
            "МИД Азербайджана вызвал посла. В МИДе заявили, что ждут извинений.",
            "МИД Азербайджана вызвал посла. Представитель МИДа это подтвердил.",
        ] {
            let mentions = try standard.analyze(text).entities.first { $0.id == "azerbaijan_foreign_ministry" }?
                .mentions
            XCTAssertEqual(mentions?.count, 2, text)
        }
        XCTAssertTrue(try standard.analyze("Встреча с Мидом не состоялась.").entities.isEmpty)
        XCTAssertEqual(try standard.analyze("Сотрудники ФСБ задержали двоих.").entities.map(\.id), ["fsb"])
    }
}
