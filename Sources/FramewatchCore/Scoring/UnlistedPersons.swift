import FramewatchText

/// A given name of the pack's `rule.given_name` lists.
struct GivenName: Sendable {
    /// The nominative, as the list writes it ("Сергей" for «Сергея»).
    var nominative: String
    /// The nominative's fold key (a case form of the name in the text is compared with it).
    var nominativeKey: String
    /// 1 masculine, 2 feminine, 3 either (the entry's weight).
    var gender: UInt8
}

/// A person the text names whom the gazetteer does not list: "Sergiy Kyun", «Игоря Николаева»,
/// "Cəlil Rəfiyevin".
struct UnlistedPerson {
    /// The romanised name in lower_snake case ("sergiy_kyun", "igor_nikolaev", "jalil_rafiyev").
    var id: String
    /// The name in the nominative, as the text writes it otherwise ("Игорь Николаев").
    var name: String
    /// The gazetteer entity whose id that is, when one is (a spelling the gazetteer lacks).
    var entity: Int?
    var mentions: [(sentence: Int, firstToken: Int32, endToken: Int32)]
}

/// Finds the people a text names whom the gazetteer does not list, by their shape: a capitalised
/// given name of the pack's `rule.given_name` lists followed by a capitalised word, its surname
/// (with a patronymic or a second given name between allowed: «Сергей Иванович Петров», "Ali
/// Akbar Velayati"). Later (and headline) bare uses of the surname, in any case form, are the same
/// person. Not in the body of a headline (English capitalises every word there), not on site
/// furniture, never over a gazetteer name (the gazetteer's mentions are settled first), and not
/// when the next word is a `rule.not_surname` word ("Nizami Street", "Heydar Aliyev Airport" is
/// the gazetteer's). The report lists them with `"listed": false`; they take no part in scoring.
enum UnlistedPersons {
    /// Per language (en, ru, az), given names by fold key; Russian nominatives also under their
    /// case forms (Игорь: игоря, игорю, игорем, игоре). A nominative written in the list wins over a
    /// case form of another name.
    static func compile(_ entries: [LexiconEntry]) -> [[[UInt8]: GivenName]] {
        var byLanguage = [[[UInt8]: GivenName]](repeating: [:], count: Language.allCases.count)
        var derived = [[[UInt8]: GivenName]](repeating: [:], count: Language.allCases.count)
        for entry in entries {
            guard case .rule(.givenName) = entry.category else { continue }
            let slot = entry.language.slot
            let fold = MatchKeys.fold(entry.term)
            let name = GivenName(nominative: entry.term, nominativeKey: fold, gender: UInt8(entry.weight))
            byLanguage[slot][Array(fold.utf8)] = name
            if entry.language == .ru {
                for form in russianCaseForms(fold, gender: name.gender) where derived[slot][Array(form.utf8)] == nil {
                    derived[slot][Array(form.utf8)] = name
                }
            }
        }
        for slot in byLanguage.indices {
            byLanguage[slot].merge(derived[slot]) { nominative, _ in nominative }
        }
        return byLanguage
    }

    /// The case forms of a Russian given name (folded, lower case): genitive, dative, accusative,
    /// instrumental, prepositional.
    static func russianCaseForms(_ name: String, gender: UInt8) -> [String] {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 3, let last = scalars.last else { return [] }
        let stem = String(String.UnicodeScalarView(scalars.dropLast()))
        let beforeLast = scalars[scalars.count - 2]
        let hushing = "гкхжшчщ".unicodeScalars.contains(beforeLast)
        switch last {
        case "й":  // Сергей, Андрей, Николай, Юрий
            return [stem + "я", stem + "ю", stem + "ем", stem + "е", stem + "и"]
        case "ь":  // Игорь
            return gender == 2 ? [stem + "и", stem + "ью"] : [stem + "я", stem + "ю", stem + "ем", stem + "е"]
        case "а":  // Мария… Анна, Никита, Ольга, Саша
            return [stem + (hushing ? "и" : "ы"), stem + "е", stem + "у", stem + "ой", stem + "ою", stem + "ей"]
        case "я":  // Мария, Илья, Наталья
            if beforeLast == "и" { return [stem + "и", stem + "ю", stem + "ей"] }
            return [stem + "и", stem + "е", stem + "ю", stem + "ей"]
        case "о", "е", "и", "у", "ю", "э", "ы":  // indeclinable (Нино, Бекзод stays as written)
            return []
        default:  // a consonant: Иван, Ильхам, Эльмар
            let instrumental = "жшчщц".unicodeScalars.contains(last) ? "ем" : "ом"
            return [name + "а", name + "у", name + instrumental, name + "е"]
        }
    }

    /// The nominative of a surname written in a case form, in the sentence's language: Russian
    /// by the given name's gender («Николаева» of a man → Николаев, «Бараковой» → Баракова,
    /// «Ковальского» → Ковальский); Azerbaijani without its case suffix when what is left ends like
    /// a surname ("Rəfiyevin" → Rəfiyev, "Zaşlyapinin" → Zaşlyapin); English without "'s".
    static func surnameNominative(_ word: String, language: Language, gender: UInt8, lexicon: CompiledLexicon)
        -> String
    {
        var w = word
        for mark in ["'s", "’s", "'", "’"] where w.hasSuffix(mark) && w.count > mark.count + 2 {
            w.removeLast(mark.count)
            break
        }
        switch language {
        case .en:
            return w
        case .ru:
            func replace(_ endings: [String], with new: String, after stems: [String]) -> String? {
                for e in endings where w.hasSuffix(e) {
                    let stem = String(w.dropLast(e.count))
                    if stems.contains(where: { stem.hasSuffix($0) }) && stem.count >= 3 { return stem + new }
                }
                return nil
            }
            let slavic = ["ов", "ев", "ёв", "ин", "ын"]
            if gender == 2 {
                return replace(["ой", "у"], with: "а", after: slavic) ?? replace(
                    ["ой", "ую"], with: "ая", after: ["ск", "цк"])
                    ?? w
            }
            // Adjectival surnames: -ского → -ский, -ного → -ный, -его → -ий (Подлесного → Подлесный).
            return replace(["ым", "а", "у", "е"], with: "", after: slavic)
                ?? replace(
                    ["ого", "ому", "им", "ом"], with: "ий", after: ["ск", "цк", "г", "к", "х", "ж", "ш", "ч", "щ"])
                ?? replace(
                    ["ого", "ому", "ым"], with: "ый", after: ["н", "в", "д", "т", "л", "р", "б", "п", "м", "з", "с"])
                ?? replace(["его", "ему"], with: "ий", after: ["н"]) ?? w
        case .az:
            // An apostrophe ending always comes off ("Trump'ın"); a plain one only after a
            // surname's own ending (-ov, -yev, -in, -li, -zadə …), so that "Bakı" stays itself.
            if let apostrophe = w.firstIndex(where: { $0 == "'" || $0 == "’" }), apostrophe > w.startIndex {
                return String(w[..<apostrophe])
            }
            let fold = MatchKeys.fold(w)
            for suffix in lexicon.foldedSuffixes[.az] ?? []
            where !suffix.hasPrefix("'") && fold.hasSuffix(suffix) && fold.count > suffix.count + 3 {
                let stem = fold.dropLast(suffix.count)
                // A woman's -ova, -yeva, -ina is her surname, not the dative of -ov ("Yuliya Zaytseva").
                if gender == 2 && (suffix == "a" || suffix == "ə") { continue }
                if azSurnameEndings.contains(where: { stem.hasSuffix($0) }) { return String(w.dropLast(suffix.count)) }
            }
            return w
        }
    }

    /// The nominative of a masculine surname that declines like a noun, given the case ending
    /// its given name took («Вургуна» with «Самеда» → Вургун, «Цоя» with «Виктора» → Цой,
    /// «Гоголя» → Гоголь); nil when the word does not end so or what is left is too short.
    static func russianConsonantStem(_ word: String, ending: String) -> String? {
        for e in Set([ending, softEnding[ending] ?? ending, hardEnding[ending] ?? ending])
        where !e.isEmpty && word.hasSuffix(e) {
            let stem = String(word.dropLast(e.count))
            guard stem.count >= 2, let last = stem.unicodeScalars.last else { continue }
            if ["я", "ю", "ем"].contains(e) {
                return stem + (russianVowels.contains(last) ? "й" : "ь")
            }
            if stem.count < 3 || russianVowels.contains(last) || last == "ь" || last == "й" { continue }
            return stem
        }
        return nil
    }

    // The given name's ending as the surname's: а ~ я, у ~ ю, ом ~ ем; е stays е.
    static let softEnding = ["а": "я", "у": "ю", "ом": "ем", "я": "я", "ю": "ю", "ем": "ем", "е": "е"]
    static let hardEnding = ["я": "а", "ю": "у", "ем": "ом", "а": "а", "у": "у", "ом": "ом", "е": "е"]
    static let russianVowels = Set("аеёиоуыэюя".unicodeScalars)

    /// How many leading Unicode scalars two strings share.
    static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        var n = 0
        for (x, y) in zip(a.unicodeScalars, b.unicodeScalars) {
            guard x == y else { break }
            n += 1
        }
        return n
    }

    /// Surname endings, as fold keys (ı is i), after which an Azerbaijani suffix is a case ending.
    static let azSurnameEndings = [
        "ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "li", "lu", "lü", "zadə", "zade", "oğlu", "qizi", "ski",
        "skaya", "yan", "ko",
    ]

    /// A patronymic between a first name and a surname («Ивановича», "Ivanovich", "Məmməd oğlu" is
    /// written in lower case and is not one).
    static func isPatronymic(_ word: String) -> Bool {
        let lower = word.lowercased()
        return patronymicEndings.contains { lower.hasSuffix($0) }
            || patronymicCaseEndings.contains { lower.hasSuffix($0) && lower.count > 6 }
    }

    static let patronymicEndings = [
        "ович", "евич", "ovich", "evich", "ovna", "evna", "oviç", "eviç", "ична", "ичны", "ичне", "ичну", "ичной",
        "овна", "евна", "овны", "евны", "овне", "евне", "овну", "евну", "овной", "евной",
    ]
    /// Case forms of -ич that a shorter word may end in as well, hence the length test.
    static let patronymicCaseEndings = ["ича", "ичу", "ичем", "иче"]

    /// The id of a name: its cross-script key in lower_snake case; Azerbaijani letters read as
    /// English spells them (c → j, x → kh, q → g: "Cəlil Rəfiyev" → jalil_rafiyev).
    static func romanisedID(_ name: String, language: Language) -> String {
        var words: [String] = []
        for word in name.split(separator: " ") {
            var fold = MatchKeys.fold(String(word))
            if language == .az {
                // Before the cross-script key, so that ç (ch) is not read as c.
                var out = ""
                for c in fold {
                    switch c {
                    case "c": out += "j"
                    case "x": out += "kh"
                    case "q": out += "g"
                    default: out.append(c)
                    }
                }
                fold = out
            }
            var key = String(decoding: MatchKeys.crossScript(fold: Array(fold.utf8)), as: UTF8.self)
            // English writes the Azerbaijani -zadə as -zade (Pashazade, Guluzade).
            if language == .az && key.hasSuffix("zada") { key = String(key.dropLast()) + "e" }
            if language == .ru { key = englishSpelling(key, first: words.isEmpty) }
            let cleaned = String(
                key.unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init))
            if !cleaned.isEmpty { words.append(cleaned) }
        }
        return words.joined(separator: "_")
    }

    /// Russian names as English-language media spell them (the cross-script key is BGN-like):
    /// -ий → -y (Dmitry, Yury, Kovalsky), -ия → -ia (Maria, Anastasia), and the given names whose
    /// English form is settled (Alexander, Alexei, Maxim, Fyodor, Pyotr, Artyom, Semyon).
    static func englishSpelling(_ key: String, first: Bool) -> String {
        if first, let settled = settledGivenNames[key] { return settled }
        // Дж is English j in the Azerbaijani and other names Russian spells with it (Джавад, Севиндж).
        let key = key.replacingOccurrences(of: "dzh", with: "j")
        if (key.hasSuffix("iy") || key.hasSuffix("yy")) && key.count > 4 { return String(key.dropLast(2)) + "y" }
        if key.hasSuffix("iya") && key.count > 4 { return String(key.dropLast(3)) + "ia" }
        return key
    }

    static let settledGivenNames = [
        "aleksandr": "alexander", "aleksey": "alexei", "maksim": "maxim", "fedor": "fyodor", "petr": "pyotr",
        "artem": "artyom", "semen": "semyon", "yuriy": "yuri",
    ]

    /// The unlisted people of a text, in order of first mention.
    /// - Parameters:
    ///   - mentions: the gazetteer's mentions per sentence (their words are never a new name).
    ///   - lines: each sentence's boilerplate class (furniture and silent lines name no one new).
    static func find(
        _ text: SegmentedText, mentions: [[ResolvedMention]], lines: [Boilerplate.Line], lexicon: CompiledLexicon,
        matcher: Matcher
    ) -> [UnlistedPerson] {
        guard lexicon.givenNames.contains(where: { !$0.isEmpty }) else { return [] }
        var persons: [UnlistedPerson] = []
        var byID: [String: Int] = [:]
        // Surname keys (fold of the nominative) → person; given name key per person.
        var bySurname: [String: Int] = [:]
        var givenKey: [String] = []
        // The words of the gazetteer's mentions and of the people found so far (one flag per
        // token: a hostile sentence can name sixty thousand people).
        var covered = [Bool](repeating: false, count: text.tokens.count)
        for list in mentions {
            for m in list {
                for t in Int(m.firstToken)..<Int(m.endToken) { covered[t] = true }
            }
        }
        func isCapitalisedWord(_ t: Int) -> Bool {
            let token = text.tokens[t]
            guard token.kind == .word, token.end - token.start >= 2 else { return false }
            // Most words start with a lower-case ASCII or Cyrillic letter: said by their first
            // bytes, before the Unicode properties of the full letter-case shape are read.
            let at = Int(token.byteStart)
            let b0 = text.bytes[at]
            if b0 < 0x80 {
                guard (0x41...0x5A).contains(b0) else { return false }
                let b1 = text.bytes[at + 1]
                if (0x61...0x7A).contains(b1) { return true }  // "Kyun"
                if (0x41...0x5A).contains(b1) { return false }  // "KYUN", "SOCAR"
            } else if b0 == 0xD0 {
                let b1 = text.bytes[at + 1]
                if b1 >= 0xB0 { return false }  // а–п
                if at + 3 < Int(token.byteEnd) {
                    let (c0, c1) = (text.bytes[at + 2], text.bytes[at + 3])
                    if (c0 == 0xD0 && c1 >= 0xB0) || (c0 == 0xD1 && c1 <= 0x9F) { return true }  // "Цой"
                    if c0 == 0xD0 && c1 < 0xB0 { return false }  // "ЦОЙ"
                }
            } else if b0 == 0xD1 {
                return false  // р–я, ё
            }
            return EntityResolution.shape(of: token, in: text) == 1
        }
        func givenName(_ t: Int, _ language: Language) -> GivenName? {
            let token = text.tokens[t]
            let fold = text.bytes.withUnsafeBufferPointer {
                MatchKeys.fold(UnsafeBufferPointer(rebasing: $0[token.byteRange]))
            }
            return lexicon.givenName(fold: fold, language)
        }
        func foldKey(_ s: String) -> String { MatchKeys.fold(s) }
        // A gazetteer person whose full name is this one misspelt or spelt another way
        // ("Shahin Shiklinski", "Margarita Simoyan", "Volodymyr Zelenskyi"): the same first name
        // within one letter, the surname with the same first letter and within one letter (two
        // for a surname of ten letters or more): "Elchin Aliyev" is not Elchin Guliyev, "Kamran
        // Mammadov" not Kamran Mahmudov.
        func listedPerson(given: String, surname: String) -> Int? {
            let first = CompiledLexicon.nameKey(given)
            let last = CompiledLexicon.nameKey(surname)
            let limit = last.count >= 10 ? 2 : 1
            guard let initial = last.first else { return nil }
            for name in lexicon.personNamesBySurnameInitial[initial] ?? [] {
                if EntityResolution.editDistance(name.first, first, atMost: 1) <= 1
                    && EntityResolution.editDistance(name.last, last, atMost: limit) <= limit
                {
                    return name.person
                }
            }
            return nil
        }
        func add(_ id: String, name: String, given: String, surname: String, sentence: Int, first: Int, end: Int) {
            let p: Int
            if let known = byID[id] {
                p = known
            } else {
                p = persons.count
                byID[id] = p
                persons.append(
                    UnlistedPerson(
                        id: id, name: name,
                        entity: lexicon.entityIndex[id] ?? listedPerson(given: given, surname: surname),
                        mentions: []))
                givenKey.append(foldKey(given))
                if bySurname[foldKey(surname)] == nil { bySurname[foldKey(surname)] = p }
            }
            persons[p].mentions.append((sentence, Int32(first), Int32(end)))
            for t in first..<end { covered[t] = true }
        }

        // Full names, in the body.
        for (i, sentence) in text.sentences.enumerated() where lines[i] == .text && !sentence.isHeadline {
            let language = sentence.language
            var t = sentence.tokens.lowerBound
            let upper = sentence.tokens.upperBound
            while t + 1 < upper {
                defer { t += 1 }
                guard isCapitalisedWord(t), !covered[t], let listed = givenName(t, language) else { continue }
                var given = listed
                func nameWord(_ u: Int) -> Bool {
                    u < upper && text.tokens[u].spaceBefore && isCapitalisedWord(u) && !covered[u]
                        && !matcher.isClosedWord(u, of: .notSurname, language, in: text)
                }
                guard nameWord(t + 1) else { continue }
                var middle: String? = nil
                var last = t + 1
                let second = text.text(of: text.tokens[t + 1])
                if nameWord(t + 2) && (isPatronymic(second) || givenName(t + 1, language) != nil) {
                    if !isPatronymic(second) { middle = second }
                    last = t + 2
                } else if isPatronymic(second) {
                    continue  // «Владимир Владимирович»: a name and patronymic, no surname to report
                }
                let written = text.text(of: text.tokens[last])
                var caseEnding: String? = nil
                if language == .ru {
                    let token = text.text(of: text.tokens[t])
                    // «Александра Невского»: a feminine nominative that is also a masculine
                    // genitive, before an adjectival genitive surname, is the man's.
                    if given.gender == 2, token.hasSuffix("а"),
                        ["ого", "его"].contains(where: { written.hasSuffix($0) }),
                        let masculine = lexicon.givenName(
                            fold: Array(MatchKeys.fold(String(token.dropLast())).utf8), .ru),
                        masculine.gender != 2
                    {
                        given = masculine
                    }
                    // A given name in a case form puts its surname in that case: «Самеда Вургуна».
                    let fold = MatchKeys.fold(token)
                    if fold != given.nominativeKey, given.gender != 2 {
                        caseEnding = String(fold.dropFirst(commonPrefixLength(fold, given.nominativeKey)))
                    }
                }
                var surname = surnameNominative(written, language: language, gender: given.gender, lexicon: lexicon)
                if surname == written, let ending = caseEnding, !ending.isEmpty,
                    let stripped = russianConsonantStem(written, ending: ending)
                {
                    surname = stripped
                }
                let first = language == .ru ? given.nominative : text.text(of: text.tokens[t])
                let name = ([first] + (middle.map { [$0] } ?? []) + [surname]).joined(separator: " ")
                let id = romanisedID(name, language: language)
                guard id.contains("_") else { continue }
                add(id, name: name, given: first, surname: surname, sentence: i, first: t, end: last + 1)
                t = last
            }
        }
        guard !persons.isEmpty else { return [] }

        // Bare surnames (and the headline's full names) of the people found.
        for (i, sentence) in text.sentences.enumerated() where lines[i] == .text {
            let language = sentence.language
            for t in sentence.tokens where isCapitalisedWord(t) && !covered[t] {
                let word = text.text(of: text.tokens[t])
                var found: Int? = nil
                var candidates: [String] = []
                for gender: UInt8 in language == .en ? [1] : [1, 2] {
                    candidates.append(surnameNominative(word, language: language, gender: gender, lexicon: lexicon))
                }
                if language == .ru {
                    for ending in ["а", "у", "ом", "е", "я", "ю", "ем"] {
                        if let stem = russianConsonantStem(word, ending: ending) { candidates.append(stem) }
                    }
                }
                for candidate in candidates {
                    if let p = bySurname[foldKey(candidate)] {
                        found = p
                        break
                    }
                }
                guard let p = found else { continue }
                var first = t
                // The person's own given name before it (a headline's full name), else another
                // given name makes it someone else.
                if t > sentence.tokens.lowerBound, isCapitalisedWord(t - 1), !covered[t - 1],
                    let given = givenName(t - 1, language)
                {
                    let written = language == .ru ? given.nominative : text.text(of: text.tokens[t - 1])
                    guard foldKey(written) == givenKey[p] else { continue }
                    first = t - 1
                }
                persons[p].mentions.append((i, Int32(first), Int32(t + 1)))
                for u in first...t { covered[u] = true }
            }
        }
        for p in persons.indices {
            persons[p].mentions.sort { ($0.sentence, $0.firstToken) < ($1.sentence, $1.firstToken) }
        }
        return persons.sorted { a, b in
            let x = a.mentions[0]
            let y = b.mentions[0]
            return (x.sentence, x.firstToken) < (y.sentence, y.firstToken)
        }
    }
}
