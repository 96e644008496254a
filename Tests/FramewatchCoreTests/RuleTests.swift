import FramewatchCore
import XCTest

/// Each rule on the mini pack, whose weights are round numbers, in all three languages.
final class RuleTests: XCTestCase {
    var analyzer: Analyzer!

    override func setUpWithError() throws {
        analyzer = try Analyzer(TestPacks.mini)
    }

    func score(_ text: String, _ lang: Language? = nil) throws -> Report {
        try analyzer.analyze(text, language: lang)
    }

    func testCueWithRussiaInTheSentenceCountsInFull() throws {
        let r = try score("Russia interfered in the elections.")
        let e = try XCTUnwrap(r.evidence("interfered"))
        XCTAssertEqual(e.weight, 2, accuracy: 1e-9)
        XCTAssertEqual(e.target, "russia")
        XCTAssertEqual(r.sentences[0].frame, .antiRussian)
        XCTAssertEqual(r.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9)
    }

    func testNegationCancelsTheCueAndMovesAShareToTheOtherPole() throws {
        let r = try score("Russia has not interfered in the elections.")
        let s = r.sentences[0]
        XCTAssertEqual(s.scores["anti_russian"]!, 0, accuracy: 1e-9)
        XCTAssertEqual(s.scores["conciliatory"]!, 0.6, accuracy: 1e-9, "30% of 2 flips to conciliatory")
        XCTAssertEqual(r.evidence("interfered")?.modifiers, ["negated"])
        XCTAssertEqual(s.frame, .conciliatory)
    }

    func testNegatedGrievanceKeepsItsWeightAndANegatedApologyBecomesAGrievance() throws {
        let grievance = try score("Russia has not offered an apology.")
        XCTAssertEqual(grievance.sentences[0].scores["anti_russian"]!, 1, accuracy: 1e-9, "[negation] keep")
        XCTAssertEqual(grievance.evidence("apology")?.modifiers, ["negated"])
        let apology = try score("Russia never apologised.")
        XCTAssertEqual(apology.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9, "[negation] reverse")
        XCTAssertEqual(apology.sentences[0].scores["conciliatory"]!, 0, accuracy: 1e-9)
    }

    /// What negation moves to the other pole goes through the rules after it, as the cue's own
    /// weight does, so that the trace's factors are the arithmetic (QA pass 6: "Peskov denied that
    /// Russia had never apologised" scored as the bare accusation while its trace listed ×0.85
    /// and ×0.35). The Russian-speaker rule damps the anti-Russian share wherever it sits: a
    /// Russian official's "Azerbaijan was never a strategic partnership" is Moscow's complaint.
    func testTheShareNegationMovesGoesThroughTheLaterRules() throws {
        let denied = try score("Mammadyarov dismissed claims that Russia never apologised.")
        let apology = try XCTUnwrap(denied.evidence("apologised"))
        XCTAssertEqual(apology.modifiers, ["negated", "quoted", "denied"])
        XCTAssertEqual(apology.weight, -2 * 0.85 * 0.35, accuracy: 1e-9, "reversed, quoted, denied")
        XCTAssertEqual(denied.sentences[0].scores["anti_russian"]!, 2 * 0.85 * 0.35, accuracy: 1e-9)
        let hedged = try score("Russia may not interfere in the elections.")
        XCTAssertEqual(hedged.sentences[0].scores["conciliatory"]!, 2 * 0.3 * 0.5, accuracy: 1e-9, "flip, hedge")
        let complaint = try score("Zakharova said Baku never had a strategic partnership with Moscow.")
        let partnership = try XCTUnwrap(complaint.evidence("strategic partnership"))
        XCTAssertEqual(partnership.modifiers, ["negated", "quoted", "russian_speaker"])
        XCTAssertEqual(
            complaint.sentences[0].scores["anti_russian"]!, 3 * 0.3 * 0.85 * 0.2, accuracy: 1e-9,
            "flip, quoted, Russian speaker")
        let azerbaijani = try score("Mammadyarov said Moscow never had a strategic partnership with Baku.")
        XCTAssertEqual(azerbaijani.sentences[0].scores["anti_russian"]!, 3 * 0.3 * 0.85, accuracy: 1e-9)
        // A negated anti-Russian cue's reassurance, said by a Russian speaker, keeps its weight.
        let reassurance = try score("Zakharova said Moscow has not interfered in Baku.")
        XCTAssertEqual(reassurance.sentences[0].scores["conciliatory"]!, 2 * 0.3 * 0.85, accuracy: 1e-9)
    }

    func testNegationScopeEndsAtTheClauseBoundaryAndAfterFourWords() throws {
        let comma = try score("Russia did not comment, and it interfered again.")
        XCTAssertEqual(comma.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9, "the comma ends the negation")
        let far = try score("Russia never explained to anyone how exactly it interfered.")
        XCTAssertEqual(far.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9, "six words away is out of scope")
    }

    func testNegatorInsideAMultiwordCueIsPartOfTheCue() throws {
        let r = try score("Russia is not interested in worsening relations.")
        XCTAssertEqual(r.sentences[0].scores["conciliatory"]!, 3, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("not interested in worsening relations")?.modifiers, [])
        XCTAssertEqual(r.sentences[0].sentiment, 0, accuracy: 1e-9, "'worsening' inside the cue is not tone")
    }

    func testRussianNegationAndWildcard() throws {
        let r = try score("Россия не вмешивалась в выборы.")
        XCTAssertEqual(r.sentences[0].lang, .ru)
        XCTAssertEqual(r.sentences[0].scores["anti_russian"]!, 0, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("вмешивалась")?.modifiers, ["negated"])
        let plain = try score("Вмешательство России недопустимо.")
        XCTAssertEqual(plain.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9, "inflected России is a target")
    }

    /// Contact and ties cues (talks, trade, transit) accumulate: one flat mention is a fact and
    /// leaves a text neutral; a text whose sentences are built on them is conciliatory, each cue
    /// marked `accumulated`.
    func testContactAndTiesCuesAreFactsAloneAndAFrameTogether() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        for (one, more) in [
            (
                "Putin and Aliyev held talks in Moscow.",
                "Putin and Aliyev held talks in Moscow. They discussed trade turnover and the North-South transport corridor."
            ),
            (
                "Путин и Алиев провели переговоры в Москве.",
                "Путин и Алиев провели переговоры в Москве. Они обсудили товарооборот и транспортный коридор."
            ),
        ] {
            let alone = try analyzer.analyze(one)
            XCTAssertEqual(alone.frame.label, .neutral, one)
            let cues = alone.sentences.flatMap(\.evidence).filter { $0.category.hasPrefix("conciliatory.") }
            XCTAssertFalse(cues.isEmpty, one)
            XCTAssertTrue(cues.allSatisfy { !$0.modifiers.contains("accumulated") }, one)
            let together = try analyzer.analyze(more, explain: true)
            XCTAssertEqual(together.frame.label, .conciliatory, more)

            let boosted = together.sentences.flatMap(\.evidence).filter { $0.modifiers.contains("accumulated") }
            XCTAssertGreaterThanOrEqual(boosted.count, 2, more)
            for cue in boosted {
                XCTAssertTrue(["conciliatory.contact", "conciliatory.ties"].contains(cue.category), cue.category)
                // Two sentences: ×(1 + 4 × 1).
                XCTAssertEqual(cue.trace?.first { $0.rule == "accumulation" }?.factor, 5, more)
            }
        }
        // Trade figures alone are a fact (codebook rule 6): without a contact cue (the pack's
        // `[accumulation] requires`) nothing is boosted, however many sentences name trade.
        for figures in [
            "Trade between Russia and Azerbaijan rose 4 percent. Exports reached $1.2 billion. Imports grew too.",
            "Товарооборот России и Азербайджана вырос на 4 процента. Экспорт составил 1,2 млрд долларов. Импорт тоже вырос.",
            "Rusiya ilə ticarət-iqtisadi əlaqələr davam edir. Nəqliyyat dəhlizi üzrə yükdaşımalar həyata keçirilir.",
        ] {
            let r = try analyzer.analyze(figures)
            XCTAssertTrue(r.sentences.flatMap(\.evidence).allSatisfy { !$0.modifiers.contains("accumulated") }, figures)
            XCTAssertNotEqual(r.frame.label, .conciliatory, figures)
        }
    }

    /// QA pass 2: Moscow's own complaints named by forms the speaker rules missed, and two
    /// negations the lexicon lacked.
    func testMoscowsComplaintsAndMissedNegations() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        // The Russian impersonal source after the verb, as before it.
        for (text, speaker) in [
            (
                "Азербайджанские СМИ развернули антироссийскую кампанию, заявили в МИД России.",
                "russia_foreign_ministry"
            ),
            ("Баку ведет антироссийскую кампанию, заявили в Кремле.", "kremlin"),
        ] {
            let r = try analyzer.analyze(text)
            XCTAssertEqual(r.sentences[0].speaker, speaker, text)
            XCTAssertEqual(r.frame.label, .neutral, text)
            XCTAssertEqual(r.evidence("антироссийскую кампанию")?.modifiers.contains("russian_speaker"), true, text)
        }
        // "Russia's foreign ministry" in lower case, as many outlets write it, is the ministry.
        let lower = try analyzer.analyze(
            "Baku arrested seven Sputnik staff. Russia's foreign ministry said the arrests were an unfriendly act.")
        XCTAssertEqual(lower.sentences[1].speaker, "russia_foreign_ministry")
        XCTAssertEqual(lower.frame.label, .neutral)
        // "there is no reason to apologise" withholds the apology (az); "instead of condolences" too (ru).
        let reason = try analyzer.analyze("Peskov üzr istəməyə heç bir səbəb olmadığını bildirib.")
        XCTAssertEqual(reason.frame.label, .antiRussian)
        XCTAssertEqual(reason.evidence("üzr istəməyə")?.modifiers.first, "negated")
        let instead = try analyzer.analyze("Вместо соболезнований Москва прислала ОМОН.")
        XCTAssertEqual(instead.evidence("соболезнований")?.modifiers.first, "negated")
        XCTAssertEqual(instead.frame.label, .antiRussian)
    }

    /// Real set 24: talks and trade with a third party lifted flat notes into `conciliatory`
    /// (`[accumulation] with_third_party = 0`): a sentence naming Iran or China counts only when
    /// it names both sides too.
    func testContactsWithAThirdPartyDoNotAccumulate() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        for text in [
            "Putin and Aliyev held talks in Moscow. Later Putin held talks with Iran's president on trade.",
            "Путин и Алиев провели переговоры в Москве. Затем Путин провел переговоры с президентом Ирана о торговле.",
        ] {
            let r = try analyzer.analyze(text)
            XCTAssertFalse(r.sentences.flatMap(\.evidence).contains { $0.modifiers.contains("accumulated") }, text)
            XCTAssertEqual(r.frame.label, .neutral, text)
        }
        // With both sides named, the third party does not take the sentence away.
        let both = try analyzer.analyze(
            "Putin and Aliyev held talks in Moscow. Russia and Azerbaijan discussed trade with Iran.")
        XCTAssertTrue(try XCTUnwrap(both.evidence("discussed")).modifiers.contains("accumulated"))
    }

    /// Trade and transit beside a restriction are the stake of a dispute (the seed article's
    /// "Any restrictions or complications in transit…"): that sentence neither counts toward
    /// accumulation nor is boosted.
    func testTiesBesideAnAntiRussianCueDoNotAccumulate() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        let r = try analyzer.analyze(
            "Russia depends on transit through Azerbaijan. Any restrictions on transit could hurt Russian trade.")
        XCTAssertTrue(r.sentences.flatMap(\.evidence).allSatisfy { !$0.modifiers.contains("accumulated") })
        XCTAssertNotEqual(r.frame.label, .conciliatory)
    }

    func testANegatorGovernsTheFirstCueAfterItAndACoordinatedListButNotACueInItsObject() throws {
        // "did not [admit responsibility] for [shooting down] the plane": the admission is denied
        // (a grievance), the shooting down is not negated into reassurance or positive tone.
        let analyzer = try Analyzer(TestPacks.standard)
        for text in [
            "Russia did not admit responsibility for shooting down the plane.",
            "Россия не признала ответственность за сбитый самолет.",
            "The Kremlin has not apologised for the downing of the Azerbaijan Airlines plane.",
        ] {
            let report = try analyzer.analyze(text)
            XCTAssertEqual(report.frame.label, .antiRussian, text)
            XCTAssertLessThan(report.sentiment.score, 0, text)
            let culpability = report.sentences.flatMap(\.evidence).filter { $0.category == "anti_russian.culpability" }
            XCTAssertFalse(culpability.isEmpty, text)
            XCTAssertFalse(culpability.contains { $0.modifiers.contains("negated") }, text)
        }
        // Coordinated cues share the negator ("or", "или", "ya" are rule.coordinator words).
        for text in [
            "Moscow did not pressure or threaten Baku.",
            "Москва не угрожала или шантажировала Баку.",
        ] {
            let report = try analyzer.analyze(text)
            let cues = report.sentences.flatMap(\.evidence).filter { $0.category.hasPrefix("anti_russian.") }
            XCTAssertGreaterThanOrEqual(cues.count, 2, text)
            XCTAssertTrue(cues.allSatisfy { $0.modifiers.contains("negated") }, "\(text): \(cues)")
            XCTAssertEqual(report.frame.label, .conciliatory, text)
        }
    }

    func testASidesOwnCondemnationIsNotNegativeToneTowardItself() throws {
        // Baku condemns Moscow: the negative tone is toward Russia; Azerbaijan, the speaker, is
        // not its object (the mirror of codebook rule 8). The Azerbaijani verb comes last, so the
        // nominative country that opens the sentence is its speaker.
        let analyzer = try Analyzer(TestPacks.standard)
        for (text, speaker) in [
            ("Azərbaycan Rusiyanın təcavüzkar siyasətini kəskin pislədi.", "azerbaijan"),
            ("Baku strongly condemned Russia's aggressive policy.", "baku"),
        ] {
            let report = try analyzer.analyze(text)
            XCTAssertEqual(report.sentences[0].speaker, speaker, text)
            let tone = Dictionary(uniqueKeysWithValues: report.targets.map { ($0.entity, $0.tone) })
            XCTAssertLessThan(tone["russia"] ?? 0, -0.5, text)
            XCTAssertGreaterThan(tone["azerbaijan"] ?? -1, -0.2, text)
            XCTAssertEqual(report.frame.label, .antiRussian, text)
        }
    }

    func testAzerbaijaniPostposedNegation() throws {
        let deyil = try score("Rusiyanın müdaxiləsi deyil, bu bir qəzadır.")
        XCTAssertEqual(deyil.evidence("müdaxiləsi")?.modifiers, ["negated"])
        let verb = try score("Rusiya seçkilərə müdaxilə etməyib.")
        XCTAssertEqual(verb.sentences[0].lang, .az)
        XCTAssertEqual(verb.evidence("müdaxilə")?.modifiers, ["negated"], "the -məyib verb negates the cue before it")
        XCTAssertEqual(verb.sentences[0].scores["conciliatory"]!, 0.6, accuracy: 1e-9)
        let affirmative = try score("Rusiya seçkilərə müdaxilə edib.")
        XCTAssertEqual(affirmative.sentences[0].scores["anti_russian"]!, 2, accuracy: 1e-9)
    }

    func testAzerbaijaniNegativeVerbFormsNegateTheirOwnWildcardCueButNotWhatFollows() throws {
        let refused = try score("Moskva razılaşmadı.")
        XCTAssertEqual(refused.evidence("razılaşmadı")?.modifiers, ["negated"], "razılaş* + -madı")
        XCTAssertEqual(refused.sentences[0].scores["conciliatory"]!, 0, accuracy: 1e-9)
        let agreement = try score("Moskva ilə razılaşma imzalandı.")
        XCTAssertEqual(agreement.evidence("razılaşma")?.modifiers, [], "-ma alone is the verbal noun, not negation")
        let before = try score("Bakı gözləməyib ki, Rusiya yenə müdaxilə edəcək.")
        XCTAssertEqual(before.evidence("müdaxilə")?.modifiers, [], "a negative verb does not negate what follows it")
    }

    /// The infinitive in the dative, accusative and genitive (`-mək` → `-məyə`, `-məyi`, `-məyin`)
    /// begins like a negative form (`-məyib`) but is not one (`non_negative_endings`).
    func testAzerbaijaniInfinitiveCaseFormsAreNotNegative() throws {
        for form in ["razılaşmaya", "razılaşmayı", "razılaşmayın"] {
            let report = try score("Moskva Bakı ilə \(form) hazırdır.")
            XCTAssertEqual(report.evidence(form)?.modifiers, [], form)
            XCTAssertEqual(report.sentences[0].scores["conciliatory"]!, 2, accuracy: 1e-9, form)
        }
        for form in ["razılaşmayıb", "razılaşmayacaq", "razılaşmayan"] {
            let report = try score("Moskva Bakı ilə \(form).")
            XCTAssertEqual(report.evidence(form)?.modifiers, ["negated"], form)
            XCTAssertEqual(report.sentences[0].scores["conciliatory"]!, 0, accuracy: 1e-9, form)
        }
    }

    /// Codebook rule 8: Moscow's complaint about Baku is Russia's side of the dispute, not the
    /// text casting Russia as hostile; a denial keeps the accusation; without Azerbaijan named
    /// the rule does not apply.
    func testRussianSpeakerAboutAzerbaijanDampsAntiRussianCues() throws {
        let complaint = try score("Zakharova said Baku interfered.")
        XCTAssertEqual(complaint.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        XCTAssertEqual(complaint.evidence("interfered")?.weight ?? 0, 2 * 0.85 * 0.2, accuracy: 1e-9)
        let russian = try score("Захарова заявила, что Баку вмешивался.")
        XCTAssertEqual(russian.evidence("вмешивался")?.modifiers, ["quoted", "russian_speaker"])
        let denial = try score("Zakharova dismissed claims that Russia interfered in Baku.")
        XCTAssertEqual(denial.evidence("interfered")?.modifiers, ["quoted", "denied"])
        let azerbaijaniSpeaker = try score("Mammadyarov said Moscow interfered in Baku.")
        XCTAssertEqual(azerbaijaniSpeaker.evidence("interfered")?.modifiers, ["quoted"])
        let noAzerbaijan = try score("Zakharova said the United States interfered.")
        XCTAssertFalse(noAzerbaijan.evidence("interfered")?.modifiers.contains("russian_speaker") ?? true)
        // Azerbaijan named elsewhere in the text is enough (a report on a Baku court).
        let elsewhere = try score("A court in Baku jailed two reporters.\n\nZakharova said the court interfered.")
        XCTAssertEqual(elsewhere.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        // Postposed attribution keeps its speaker; a name in the reported clause is not the speaker.
        let postposed = try score("Baku interfered, said Zakharova.")
        XCTAssertEqual(postposed.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        let reported = try score("Баку заявил, что Захарова вмешивалась.")
        XCTAssertEqual(reported.evidence("вмешивалась")?.modifiers, ["quoted"])
        XCTAssertEqual(reported.sentences.first?.speaker, "baku", "Baku, the verb's subject, speaks")
    }

    /// Rule 8 by word order: an Azerbaijani side named just before a mistreatment cue and a Russia
    /// target after it, none before, is Baku acting on a Russian object; damped as for Russian
    /// victims. Not when a reporting verb or another cue stands between ("Baku condemned the
    /// detained …"), when Russia comes first, when Azerbaijanis are named as a group, or when the
    /// Azerbaijani place is only the scene ("in Baku").
    func testAnAzerbaijaniSideActingOnARussianOneIsRussiaAsTheInjuredParty() throws {
        let raid = try score("Azerbaijani police detained the staff of a Russian agency.")
        XCTAssertEqual(raid.evidence("detained")?.modifiers, ["russian_victims"])
        XCTAssertEqual(raid.evidence("detained")?.weight ?? 0, 2 * 0.3, accuracy: 1e-9)
        let russiaFirst = try score("Russian police detained the staff of an Azerbaijani agency.")
        XCTAssertEqual(russiaFirst.evidence("detained")?.weight ?? 0, 2, accuracy: 1e-9)
        let reported = try score("Baku said that Russian police detained the staff.")
        XCTAssertEqual(reported.evidence("detained")?.modifiers, ["quoted"])
        let scene = try score("In Baku they detained the staff of a Russian agency.")
        XCTAssertEqual(scene.evidence("detained")?.modifiers, [], "Baku is only the scene")
        let far = try score("Azerbaijani officials on a long and busy Monday morning detained a Russian reporter.")
        XCTAssertEqual(far.evidence("detained")?.modifiers, [], "more than three words between")
        let ru = try score("Азербайджанской полицией задержаны сотрудники российского агентства.")
        XCTAssertEqual(ru.evidence("задержаны")?.modifiers, ["russian_victims"])
    }

    /// Codebook rule 8 in anyone's voice: a mistreatment cue whose sentence names Russian
    /// nationals and no Azerbaijani ones has Russians as its victims (Russia as the injured
    /// party): ×`russian_victims_factor` (0.3 in the mini pack). Naming Azerbaijanis too, or no
    /// nationals at all, leaves the cue as it is.
    func testRussianVictimsDampMistreatmentCues() throws {
        let en = try score("Eight Russian citizens were detained in Baku.")
        XCTAssertEqual(en.evidence("detained")?.modifiers, ["russian_victims"])
        XCTAssertEqual(en.evidence("detained")?.weight ?? 0, 2 * 0.3, accuracy: 1e-9)
        XCTAssertEqual(en.evidence("detained")?.baseWeight ?? 0, 2, accuracy: 1e-9)
        let both = try score("Russian police detained Azerbaijanis and Russian citizens in Moscow.")
        XCTAssertEqual(both.evidence("detained")?.modifiers, [])
        XCTAssertEqual(both.evidence("detained")?.weight ?? 0, 2, accuracy: 1e-9)
        let agents = try score("Russian police detained two men in Moscow.")
        XCTAssertEqual(agents.evidence("detained")?.weight ?? 0, 2, accuracy: 1e-9, "an adjective names no victims")
        // Russian: the wildcard reaches the case forms (россиян, россиянам …); no Russia target is
        // named, so the cue also counts ×target_none (0.4).
        let ru = try score("Восемь россиян задержаны в Баку.")
        XCTAssertEqual(ru.evidence("задержаны")?.modifiers, ["russian_victims", "no_target"])
        XCTAssertEqual(ru.evidence("задержаны")?.weight ?? 0, 2 * 0.3 * 0.4, accuracy: 1e-9)
        let ruBoth = try score("Россияне и азербайджанцы задержаны в Москве.")
        XCTAssertEqual(ruBoth.evidence("задержаны")?.weight ?? 0, 2, accuracy: 1e-9)
        let az = try score("Bakıda səkkiz Rusiya vətəndaşı saxlanılıb.")
        XCTAssertEqual(az.evidence("saxlanılıb")?.modifiers, ["russian_victims"])
        XCTAssertEqual(az.evidence("saxlanılıb")?.weight ?? 0, 2 * 0.3, accuracy: 1e-9)
        let azBoth = try score("Moskvada azərbaycanlılar və Rusiya vətəndaşları saxlanılıb.")
        XCTAssertEqual(azBoth.evidence("saxlanılıb")?.weight ?? 0, 2, accuracy: 1e-9)
        // Only the manifest's [injured_party] sub-frames: interference is not damped.
        let other = try score("Russian citizens interfered in Baku.")
        XCTAssertEqual(other.evidence("interfered")?.modifiers, [])
        // The explain trace names the rule.
        let trace = try analyzer.analyze("Eight Russian citizens were detained in Baku.", explain: true)
        XCTAssertEqual(trace.evidence("detained")?.trace?.map(\.rule), ["victims"])
    }

    func testHeadlineColonNamesTheSpeaker() throws {
        // "Name: statement", the headline form of attribution, in each script.
        let en = try score("Zakharova: Baku interfered.")
        XCTAssertEqual(en.sentences.first?.speaker, "maria_zakharova")
        XCTAssertEqual(en.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        let ru = try score("Захарова: Баку вмешивался.")
        XCTAssertEqual(ru.sentences.first?.speaker, "maria_zakharova")
        // A place before the colon is not a speaker, and a name later in the sentence is not one.
        XCTAssertNil(try score("Baku: Zakharova interfered.").sentences.first?.speaker)
        XCTAssertNil(try score("In Baku the reporters said nothing: Zakharova interfered.").sentences.first?.speaker)
    }

    func testRussianSpeakerComplaintIsNotNegativeToneTowardRussia() throws {
        // Same sentiment ("disaster"), no frame cue: once said by Zakharova about Baku, once by
        // Mammadyarov about Moscow. The Russian speaker's complaint weighs ×0.2 on Russia's tone.
        func russiaTone(_ text: String) throws -> Double {
            try XCTUnwrap(score(text).targets.first { $0.entity == "russia" }).tone
        }
        let azerbaijani = try russiaTone("Mammadyarov said the disaster in Moscow was staged.")
        let russian = try russiaTone("Zakharova said the disaster in Baku was staged.")
        XCTAssertLessThan(azerbaijani, -0.3)
        XCTAssertEqual(russian, 0.2 * azerbaijani, accuracy: 1e-9)
    }

    func testToneRussiaLabelFollowsTheFrame() throws {
        // The codebook: frame and tone toward Russia agree or tone is 0; an anti-Russian text is
        // never +1, a conciliatory one never −1, a neutral and a mixed one 0. With `frame_gates_tone = 0` the
        // label is Russia's target tone by `tone_threshold` (0.08 here) alone.
        let ungated = try TestPacks.mini("sentiment", "frame_gates_tone = 0")
        let cases: [(text: String, frame: FrameLabel, gated: Int, ungated: Int)] = [
            // No frame cue, "disaster" near Moscow: Russia's tone is negative, the text neutral.
            ("Mammadyarov said the disaster in Moscow was staged.", .neutral, 0, -1),
            ("Moscow interfered.", .antiRussian, -1, -1),
            // A compromise after a disaster: conciliatory, so not −1 however sad the words.
            ("Москва пошла на компромисс после катастрофы.", .conciliatory, 0, -1),
            ("Москва пошла на компромисс.", .conciliatory, 1, 1),
            ("Rusiya ilə fəlakət barədə razılaşdılar.", .conciliatory, 0, -1),
            // Both poles strong in two paragraphs: balanced, 0 whichever way the words lean.
            ("Russia interfered, a disaster.\n\nMoscow made a compromise.", .mixed, 0, -1),
            ("Moscow interfered in Baku.\n\nMoscow made a very good compromise.", .mixed, 0, 1),
        ]
        for c in cases {
            let report = try score(c.text)
            XCTAssertEqual(report.frame.label, c.frame, c.text)
            XCTAssertEqual(report.toneRussia, c.gated, c.text)
            XCTAssertEqual(try ungated.analyze(c.text).toneRussia, c.ungated, c.text)
            XCTAssertTrue(String(decoding: report.jsonBytes(), as: UTF8.self).contains("\"tone_russia\":\(c.gated),"))
        }
    }

    func testDeniedAccusationAndHedgedThawAreZeroTowardRussia() throws {
        // The codebook: a quoted denial puts the accusation on the agenda (anti_russian) without
        // evaluating Russia (0); a forecast thaw is conciliatory but credits Russia with nothing
        // yet (0). Off by default (share 1), as in the mini pack; the default pack sets 0.3.
        let denied = "Zakharova dismissed claims that Russia interfered in Baku."
        let hedged = "Moscow may compromise."
        let plain = try score(denied)
        XCTAssertEqual(plain.frame.label, .antiRussian)
        XCTAssertEqual(plain.toneRussia, -1)
        XCTAssertEqual(try score(hedged).frame.label, .conciliatory)
        XCTAssertEqual(try score(hedged).toneRussia, 1)

        let deniedRule = try TestPacks.mini("sentiment", "denied_tone_share = 0.3")
        XCTAssertEqual(try deniedRule.analyze(denied).frame.label, .antiRussian)
        XCTAssertEqual(try deniedRule.analyze(denied).toneRussia, 0)
        XCTAssertEqual(try deniedRule.analyze("Moscow interfered in Baku.").toneRussia, -1)
        // Hedging alone does not clear an anti-Russian tone: "may interfere" is still coercion.
        XCTAssertEqual(try deniedRule.analyze("Russia may interfere in Baku.").toneRussia, -1)

        let hedgedRule = try TestPacks.mini("sentiment", "hedged_tone_share = 0.3")
        XCTAssertEqual(try hedgedRule.analyze(hedged).frame.label, .conciliatory)
        XCTAssertEqual(try hedgedRule.analyze(hedged).toneRussia, 0)
        XCTAssertEqual(try hedgedRule.analyze("Москва пошла на компромисс.").toneRussia, 1)
        XCTAssertEqual(try hedgedRule.analyze(denied).toneRussia, -1)
    }

    func testTheDefaultPackClearsTheToneOfDeniedAccusationsAndForecastThaws() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        let cases: [(text: String, frame: FrameLabel, tone: Int)] = [
            (
                "Zakharova dismissed reports that Russian police tortured the detainees in Yekaterinburg as fabrications.",
                .antiRussian, 0
            ),
            (
                "Zaxarova Rusiya polisinin Yekaterinburqda saxlanılanlara işgəncə verdiyi barədə xəbərləri uydurma adlandırıb.",
                .antiRussian, 0
            ),
            ("Russian police tortured the detainees in Yekaterinburg.", .antiRussian, -1),
            ("Analysts expect relations between Baku and Moscow may gradually thaw next year.", .conciliatory, 0),
            ("Putin apologised to Aliyev for the tragedy and promised compensation.", .conciliatory, 1),
        ]
        for c in cases {
            let report = try analyzer.analyze(c.text)
            XCTAssertEqual(report.frame.label, c.frame, c.text)
            XCTAssertEqual(report.toneRussia, c.tone, c.text)
        }
    }

    func testAConciliatoryWordInScareQuotesBesideAnAccusationIsIrony() throws {
        // Irony: the scare-quoted partnership word mocks it when the sentence also accuses Moscow.
        let irony = try score("The “strategic partnership” of Moscow: it interfered again.")
        XCTAssertEqual(irony.evidence("strategic partnership")?.modifiers, ["quoted", "ironic"])
        XCTAssertEqual(irony.frame.label, .antiRussian)
        XCTAssertEqual(irony.sentences[0].scores["conciliatory"]!, 0, accuracy: 1e-9)
        // A quoted word with no accusation beside it is a quotation; quotes around more than the
        // cue are not scare quotes.
        let quotation = try score("Moscow called it a “strategic partnership”.")
        XCTAssertEqual(quotation.evidence("strategic partnership")?.modifiers, ["quoted"])
        XCTAssertEqual(quotation.frame.label, .conciliatory)
        let real = try score("Moscow said: “our strategic partnership stands”, and it interfered.")
        XCTAssertFalse(real.evidence("strategic partnership")?.modifiers.contains("ironic") ?? true)
    }

    func testBoosterAndDampener() throws {
        XCTAssertEqual(
            try score("Russia: very good compromise.").evidence("compromise")?.weight ?? 0, 3, accuracy: 1e-9)
        XCTAssertEqual(
            try score("Moscow saw slightly good tensions.").evidence("tensions")?.weight ?? 0, 0.5, accuracy: 1e-9)
        XCTAssertEqual(
            try score("Россия: очень компромиссный вариант.").evidence("компромиссный")?.weight ?? 0, 3, accuracy: 1e-9)
        XCTAssertEqual(
            try score("Rusiya çox kompromis təklif edir.").evidence("kompromis")?.weight ?? 0, 3, accuracy: 1e-9)
    }

    func testScareQuotesDoNotBreakAMultiwordCue() throws {
        let en = try score("Moscow praised the “strategic” partnership.")
        XCTAssertEqual(en.evidence("strategic” partnership")?.category, "conciliatory.partnership")
        let ru = try score("Это «пятая» колонна Москвы.")
        XCTAssertEqual(ru.evidence("пятая» колонна")?.category, "anti_russian.espionage")
    }

    func testTheMonthMayIsNotAHedge() throws {
        // "in May 2025", "on 9 May", "in May, …": the month; "may" the modal still hedges.
        for text in [
            "Russia interfered in May 2025.", "Russia interfered on 9 May.", "In Baku in May, Russia interfered.",
        ] {
            XCTAssertEqual(try score(text).evidence("interfered")?.weight ?? 0, 2, accuracy: 1e-9, text)
        }
        XCTAssertEqual(try score("Russia may interfere in 2025.").evidence("interfere")?.weight ?? 0, 1, accuracy: 1e-9)
    }

    func testANameInTheInstrumentalIsTheCompanyNotTheSpeaker() throws {
        // "на встрече с Мамедъяровым заявила": Zakharova speaks, Mammadyarov is met.
        let r = try score("Захарова на встрече с Мамедъяровым заявила, что Баку вмешивался.")
        XCTAssertEqual(r.sentences.first?.speaker, "maria_zakharova")
        XCTAssertEqual(r.evidence("вмешивался")?.modifiers, ["quoted", "russian_speaker"])
        // The same name in the nominative is the speaker.
        XCTAssertEqual(
            try score("Мамедъяров заявил, что Москва вмешивалась.").sentences.first?.speaker, "elmar_mammadyarov")
    }

    func testTrailingAttributionClauseNamesItsOwnSubject() throws {
        // "X is a spy, the media said": the media speak, not Mammadyarov, so the accusation stays
        // an accusation (it was recorded as his denial).
        let media = try score("Elmar Mammadyarov is among the spies of Russia, the media said.")
        XCTAssertNil(media.sentences.first?.speaker)
        XCTAssertEqual(media.entity("elmar_mammadyarov")?.accusations.map(\.text), ["spies"])
        XCTAssertEqual(media.entity("elmar_mammadyarov")?.denials.count, 0)
        // A place with a target role is the metonymic speaker of such a clause ("…, Moscow said").
        let moscow = try score("Baku interfered, Moscow said.")
        XCTAssertEqual(moscow.sentences.first?.speaker, "moscow")
        XCTAssertEqual(moscow.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        // …and of a verb right after it ("Moscow said…"), but not where it is only the place.
        let subject = try score("Moscow said Baku interfered.")
        XCTAssertEqual(subject.sentences.first?.speaker, "moscow")
        XCTAssertEqual(subject.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        XCTAssertNil(try score("Officials in Moscow said Baku interfered.").sentences.first?.speaker)
        // A country's adjective before the verb's subject makes that side the speaker ("Russian
        // pundits said…"): rule 8 then reads Moscow's complaint as Moscow's.
        let pundits = try score("Russian pundits said Baku interfered.")
        XCTAssertEqual(pundits.sentences.first?.speaker, "russia")
        XCTAssertEqual(pundits.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
        XCTAssertEqual(
            try score("Azerbaijani officials said Moscow interfered.").sentences.first?.speaker, "azerbaijan")
        // A participle after a comma takes the sentence's subject ("…, saying").
        XCTAssertEqual(
            try score("Zakharova spoke in Baku, saying nobody interfered.").sentences.first?.speaker, "maria_zakharova")
    }

    func testPostposedAttributionTakesTheSpeakerAfterTheVerb() throws {
        // "…, said X": the speaker follows the verb.
        XCTAssertEqual(try score("Baku interfered, said Zakharova.").sentences.first?.speaker, "maria_zakharova")
        // A name inside the reported words is not the speaker ("…, said a Baku analyst").
        let unnamed = try score("The claim that Zakharova interfered in Baku is false, said a Baku analyst.")
        XCTAssertNil(unnamed.sentences.first?.speaker)
        XCTAssertEqual(unnamed.evidence("interfered")?.modifiers, ["quoted"])
        // …unless the name opens the sentence, with an apposition before the verb.
        let apposition = try score("Zakharova, the spokeswoman, said Baku interfered.")
        XCTAssertEqual(apposition.sentences.first?.speaker, "maria_zakharova")
        XCTAssertEqual(apposition.evidence("interfered")?.modifiers, ["quoted", "russian_speaker"])
    }

    func testHedgesReduceEveryCueInTheSentence() throws {
        XCTAssertEqual(try score("Russia may interfere.").evidence("interfere")?.weight ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(
            try score("Россия вряд ли пойдёт на компромисс.").evidence("компромисс")?.weight ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(
            try score("Rusiya kompromisə gedə bilər, ola bilər.").evidence("kompromisə")?.weight ?? 0, 1, accuracy: 1e-9
        )
    }

    func testContrastWeighsTheSecondClauseMore() throws {
        let r = try score("Russia offered a compromise, but tensions remain.")
        XCTAssertEqual(r.evidence("compromise")?.weight ?? 0, 1.2, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("tensions")?.weight ?? 0, 1.3, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("tensions")?.modifiers, ["after_contrast"])
        let ru = try score("Москва говорит о компромиссе, однако вмешательство продолжается.")
        XCTAssertEqual(ru.evidence("вмешательство")?.weight ?? 0, 2.6, accuracy: 1e-9)
        let az = try score("Moskva kompromis istəyir, lakin müdaxilə davam edir.")
        XCTAssertEqual(az.evidence("müdaxilə")?.weight ?? 0, 2.6, accuracy: 1e-9)
    }

    func testAnInertPhraseKeepsItsRuleWordFromActing() throws {
        // "but also" is listed as rule.inert: the longest match takes "but", so neither clause is
        // weighed as before or after a contrast.
        let r = try score("Russia offered a compromise but also interfered.")
        XCTAssertEqual(r.evidence("compromise")?.weight ?? 0, 2, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("interfered")?.weight ?? 0, 2, accuracy: 1e-9)
        XCTAssertEqual(r.evidence("interfered")?.modifiers, [])
        // In the default pack, Russian "а также" ("as well as") is inert; the bare "а" contrasts.
        let analyzer = try Analyzer(TestPacks.standard)
        let inert = try analyzer.analyze("Москва обвинила Баку в шпионаже, а также пригрозила санкциями.")
        XCTAssertFalse(inert.sentences.flatMap(\.evidence).contains { $0.modifiers.contains("after_contrast") })
        let contrast = try analyzer.analyze("Москва обвинила Баку в шпионаже, а Баку пригрозил санкциями.")
        XCTAssertTrue(contrast.sentences.flatMap(\.evidence).contains { $0.modifiers.contains("after_contrast") })
        // "do not like X" / «не нравится X» / "X-i bəyənmir" is dislike of X, not X negated: the
        // default pack lists them as inert, so the partnership cue keeps its pole in each language.
        for text in [
            "There are forces that do not like the strategic partnership between Russia and Azerbaijan.",
            "Есть силы, которым не нравится стратегическое партнерство России и Азербайджана.",
            "Bəzi qüvvələr Rusiya ilə Azərbaycanın strateji tərəfdaşlığını bəyənmir.",
        ] {
            let report = try analyzer.analyze(text)
            let cues = report.sentences.flatMap(\.evidence).filter { $0.category == "conciliatory.partnership" }
            XCTAssertFalse(cues.isEmpty, text)
            XCTAssertFalse(cues.contains { $0.modifiers.contains("negated") }, text)
            XCTAssertEqual(report.frame.label, .conciliatory, text)
        }
        // And a complaint stays a complaint: "does not like Russian pressure" is not reassurance.
        let pressure = try analyzer.analyze("Baku does not like Russian pressure.")
        XCTAssertEqual(pressure.frame.label, .antiRussian)
    }

    func testASentenceOpeningWithAContrastWordWeighsTheOneBeforeIt() throws {
        // "X. But Y." in one paragraph: X is weighed like the clause before "but" (×0.6), in all
        // three languages; across a paragraph break it is not.
        for text in [
            "Russia offered a compromise. But Russia interfered.",
            "Москва пошла на компромисс. Однако Россия вмешивалась.",
            "Rusiya kompromisə getdi. Lakin Rusiya müdaxilə edir.",
        ] {
            let report = try score(text)
            let first = try XCTUnwrap(report.sentences.first?.evidence.first, text)
            XCTAssertEqual(first.weight, 1.2, accuracy: 1e-9, text)
            XCTAssertEqual(first.modifiers, ["before_contrast"], text)
            XCTAssertEqual(report.frame.label, .antiRussian, text)
        }
        let apart = try score("Russia offered a compromise.\n\nBut Russia interfered.")
        XCTAssertEqual(apart.evidence("compromise")?.modifiers, [])
    }

    func testNegativeConcordDoesNotNegateACueThatHoldsItsOwnNegator() throws {
        // Azerbaijani (negative_concord = true): "neither Baku nor Moscow is interested" is reassurance.
        let az = try score("Nə Bakı, nə də Moskva maraqlı deyil.")
        XCTAssertEqual(az.evidence("maraqlı deyil")?.modifiers, [])
        XCTAssertEqual(az.evidence("maraqlı deyil")?.weight ?? 0, 2, accuracy: 1e-9)
        // English has no negative concord: a second negator negates the cue.
        let en = try score("Moscow was never not interested in worsening relations.")
        XCTAssertEqual(en.evidence("not interested in worsening relations")?.modifiers, ["negated"])
    }

    func testASingleSentenceOrParagraphIsNeverMixed() throws {
        // Both poles equally strong in one sentence: the stronger (here the first, a tie) wins.
        // (A one-sentence text's sentence shows the text's label, so the two never disagree.)
        let one = try score("Russia offered a strategic partnership and a fifth column.")
        XCTAssertEqual(one.frame.label, .antiRussian)
        XCTAssertEqual(one.sentences.first?.frame, .antiRussian)
        let inAText = try score("Russia offered a strategic partnership and a fifth column.\n\nThe weather was fine.")
        XCTAssertEqual(inAText.sentences.first?.frame, .mixed, "in a longer text a sentence keeps its own label")
        // `mixed` is for documents: two sentences of one paragraph take the stronger pole too…
        let two = try score("Russia offered a strategic partnership. Russia planted a fifth column.")
        XCTAssertEqual(two.frame.label, .antiRussian)
        // …the same sentences as two paragraphs (a blank line, or one line break as in scraped
        // articles) make a mixed text.
        for separator in ["\n\n", "\n", "\r\n"] {
            let document = try score(
                "Russia offered a strategic partnership.\(separator)Russia planted a fifth column.")
            XCTAssertEqual(document.frame.label, .mixed, separator.debugDescription)
        }
    }

    func testQuestionsReduceWeight() throws {
        XCTAssertEqual(try score("Has Russia interfered?").evidence("interfered")?.weight ?? 0, 1.2, accuracy: 1e-9)
    }

    func testReportedSpeechIsQuotedVoiceWithItsSpeaker() throws {
        let r = try score("Mammadyarov stated that Russia wants a compromise.")
        XCTAssertEqual(r.sentences[0].voice, "quoted")
        XCTAssertEqual(r.sentences[0].speaker, "elmar_mammadyarov")
        XCTAssertEqual(r.evidence("compromise")?.weight ?? 0, 1.7, accuracy: 1e-9)
        let marks = try score("The ministry wrote: “Russia interfered in the elections”.")
        XCTAssertTrue(marks.evidence("interfered")?.modifiers.contains("quoted") ?? false)
        let author = try score("Russia wants a compromise.")
        XCTAssertEqual(author.sentences[0].voice, "author")
    }

    func testDenialDampsWhatTheSpeakerRejects() throws {
        let r = try score("Mammadyarov dismissed claims that he was among the spies of Russia.")
        XCTAssertEqual(r.evidence("spies")?.weight ?? 0, 2 * 0.85 * 0.35, accuracy: 1e-9)
        XCTAssertTrue(r.evidence("spies")?.modifiers.contains("denied") ?? false)
        // Russian puts a comma before the reported clause: a `rule.complementizer` (что) opening
        // the next clause lets the denial reach it; a clause opened otherwise stays out of reach.
        let ru = try score("Кремль отверг сообщения о том, что Россия вмешивалась в выборы.")
        XCTAssertTrue(ru.evidence("вмешивалась")?.modifiers.contains("denied") ?? false)
        XCTAssertEqual(ru.evidence("вмешивалась")?.weight ?? 0, 2 * 0.35, accuracy: 1e-9)
        let other = try score("Кремль отверг сообщения, однако Россия вмешивалась в выборы.")
        XCTAssertFalse(other.evidence("вмешивалась")?.modifiers.contains("denied") ?? true)
    }

    func testTargetAwareness() throws {
        let none = try score("The spies met in a hotel.")
        XCTAssertEqual(none.evidence("spies")?.weight ?? 0, 0.8, accuracy: 1e-9)
        XCTAssertNil(none.evidence("spies")?.target)
        let context = try score("Moscow is watching. The spies met in a hotel.")
        XCTAssertEqual(context.evidence("spies")?.weight ?? 0, 1.5, accuracy: 1e-9)
        XCTAssertEqual(context.evidence("spies")?.target, "russia")
        let adjective = try score("Russian spies met in a hotel.")
        XCTAssertEqual(adjective.evidence("spies")?.weight ?? 0, 2, accuracy: 1e-9, "the adjective names the target")
    }

    func testSentimentGoesThroughTheSameRules() throws {
        let plain = try score("It was a disaster.")
        XCTAssertEqual(plain.sentences[0].sentiment, -3 / (9 + 15.0).squareRoot(), accuracy: 1e-9)
        let negated = try score("It was not a disaster.")
        XCTAssertEqual(negated.evidence("disaster")?.weight ?? 0, 1.5, accuracy: 1e-9)
        XCTAssertGreaterThan(negated.sentiment.score, 0)
    }

    func testDocumentScoreDoesNotSaturateWithLength() throws {
        let once = "Russia interfered in the elections. Trade continued as usual. The weather was fine."
        let one = try score(once)
        let ten = try score(Array(repeating: once, count: 10).joined(separator: " "))
        XCTAssertEqual(one.frame.label, ten.frame.label)
        XCTAssertEqual(one.frame.scores["anti_russian"]!, ten.frame.scores["anti_russian"]!, accuracy: 0.05)
    }

    func testBackgroundSentencesWeighLessWithoutLengthMattering() throws {
        // One framed sentence ("interfered", 2 → 2/(2+2) = 0.5 saturated) and two background ones,
        // one paragraph, no headline: the mean is 0.5/3 at weight 1 and 0.5/(1 + 2 × 0.5) at 0.5.
        let halved = try TestPacks.mini("document", "neutral_sentence_weight = 0.5")
        let once = "Russia interfered in the elections. Trade continued as usual. The weather was fine."
        let lead = 1.5  // the first paragraph is the lead: every sentence weighs 1.5, the ratio is the same
        XCTAssertEqual(try score(once).frame.scores["anti_russian"]!, 0.5 * lead / (3 * lead), accuracy: 1e-4)
        XCTAssertEqual(
            try halved.analyze(once).frame.scores["anti_russian"]!, 0.5 * lead / (lead + 2 * 0.5 * lead), accuracy: 1e-4
        )
        // Still a weighted mean: ten copies score as one.
        let ten = Array(repeating: once, count: 10).joined(separator: " ")
        XCTAssertEqual(
            try halved.analyze(ten).frame.scores["anti_russian"]!,
            try halved.analyze(once).frame.scores["anti_russian"]!,
            accuracy: 1e-4)
    }

    func testLabelsFollowTheThresholds() throws {
        XCTAssertEqual(try score("The weather in Baku was fine.").frame.label, .neutral)
        XCTAssertEqual(try score("Russia and Azerbaijan have a strategic partnership.").frame.label, .conciliatory)
        XCTAssertEqual(try score("Russian spies are a fifth column.").frame.label, .antiRussian)
        XCTAssertEqual(
            try score("Russia and Azerbaijan have a strategic partnership.\n\nRussian spies are a fifth column.").frame
                .label,
            .mixed)
    }

    func testHeadlineCountsDouble() throws {
        let withHeadline = try score("Russia interfered\n\nThe weather was fine. Trade was normal.")
        let without = try score("The weather was fine. Trade was normal. Russia interfered.")
        XCTAssertGreaterThan(withHeadline.frame.scores["anti_russian"]!, without.frame.scores["anti_russian"]!)
    }

    func testExplainTracesEveryRule() throws {
        let r = try analyzer.analyze("Russia may not interfere, but tensions remain?", explain: true)
        let trace = try XCTUnwrap(r.evidence("interfere")?.trace)
        XCTAssertEqual(trace.map(\.rule), ["negation", "negation_flip", "hedge", "contrast", "question"])
        XCTAssertNil(try score("Russia interfered.").evidence("interfered")?.trace)
    }

    // MARK: Gapped entries (`called off ~ visit`)

    func testAGapSkipsUpToGapWordsWordsAndTheSpanCoversThem() throws {
        for (text, span) in [
            ("Russia called off visit.", "called off visit"),
            ("Russia called off the visit.", "called off the visit"),
            ("Russia called off the planned state visit.", "called off the planned state visit"),
        ] {
            let r = try score(text)
            let e = try XCTUnwrap(r.evidence(span), text)
            XCTAssertEqual(e.weight, 2, accuracy: 1e-9, text)
            XCTAssertEqual(e.category, "anti_russian.confrontation")
            // Offsets round-trip: the span is the text from the first word to the last.
            let scalars = Array(text.unicodeScalars)
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[e.start..<e.end])), span)
        }
        // Four words between the parts: too far (gap_words = 3).
        let far = try score("Russia called off the long planned state visit.")
        XCTAssertFalse(far.allEvidence.contains { $0.category == "anti_russian.confrontation" })
        // Punctuation ends a gap.
        let comma = try score("Russia called off, again, the visit.")
        XCTAssertFalse(comma.allEvidence.contains { $0.category == "anti_russian.confrontation" })
    }

    func testANegatorInTheGapNegatesTheCue() throws {
        let plain = try score("Russia struck the depot.")
        XCTAssertEqual(plain.evidence("Russia struck")?.weight ?? 0, 2, accuracy: 1e-9)
        let negated = try score("Russia has not struck the depot.")
        let e = try XCTUnwrap(negated.evidence("Russia has not struck"))
        XCTAssertEqual(e.modifiers, ["negated"])
        XCTAssertEqual(negated.sentences[0].scores["anti_russian"]!, 0, accuracy: 1e-9)
    }

    func testGappedEntriesInRussianAndAzerbaijani() throws {
        // Russian free word order: the instrument between the verb and its object.
        let ru = try score("Россия ударила дронами по нефтебазе.")
        XCTAssertEqual(ru.evidence("ударила дронами по нефтебазе")?.weight ?? 0, 2, accuracy: 1e-9)
        let ruAdjacent = try score("Россия ударила по нефтебазам.")
        XCTAssertEqual(ruAdjacent.evidence("ударила по нефтебазам")?.weight ?? 0, 2, accuracy: 1e-9)
        // Azerbaijani: the time adverb between the object and the verb.
        let az = try score("Rusiya dronları SOCAR-ın neft bazasına gecə hücum edib.")
        XCTAssertEqual(az.evidence("bazasına gecə hücum edib")?.weight ?? 0, 2, accuracy: 1e-9)
    }

    func testAContrastWordCitedInQuotationMarksIsNotAContrast() throws {
        // "по пункту «а»": a clause of the law, not the conjunction (the mini pack's contrast is «но»).
        let cited = try score("Россия вмешивалась в выборы по пункту «но» закона.")
        XCTAssertEqual(cited.evidence("вмешивалась")?.weight ?? 0, 2, accuracy: 1e-9)
        XCTAssertEqual(cited.evidence("вмешивалась")?.modifiers, [])
        let said = try score("Россия вмешивалась в выборы, но закон молчит.")
        XCTAssertEqual(said.evidence("вмешивалась")?.modifiers, ["before_contrast"])
    }
}
