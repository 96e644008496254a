import FramewatchText

/// A cue (framing or sentiment) after the rules: what it counts for and why.
struct WeightedCue {
    var hit: Hit
    var entry: Int
    var category: Category
    var baseWeight: Double
    /// For frame cues: weight on the cue's own pole, and weight moved to the opposite pole by negation.
    var weight: Double
    var flipped: Double
    var modifiers: CueModifiers
    var trace: [Report.TraceStep]
    var target: String?

    /// The weight the report shows: for a frame cue, its own-pole weight less what negation moved
    /// to the other pole (negative when more moved than stayed); a sentiment cue's weight as is.
    var reportedWeight: Double {
        if case .frame = category, flipped > 0 { return weight - flipped }
        return weight
    }
}

/// Which of a frame cue's two weights a rule scales: its own pole's, the share negation moved to
/// the opposite pole, or both (most rules: a hedge or a denial makes the whole statement weaker).
enum WeightShare {
    case both
    case own
    case flipped
}

/// What the scorer knows about one sentence.
struct ScoredSentence {
    var index: Int
    /// On a line of site furniture (``Boilerplate``): not scored, not weighed in the document.
    var boilerplate = false
    /// In a recap a `rule.background` formula opened, to the end of its paragraph: weighed
    /// ×`background_weight` in the document's frame.
    var background = false
    var cues: [WeightedCue] = []
    var anti = 0.0
    var conciliatory = 0.0
    /// Weight per sub-frame (``CompiledLexicon/subframeNames`` index), each sub-frame once.
    var subframes: [(id: Int32, weight: Double)] = []
    var sentimentSum = 0.0
    /// The part of ``sentimentSum`` from tone words in the scope of a legal charge, which does
    /// not lean the frame ("обвиняемых в убийстве": the offence charged, not Russia's conduct).
    var chargedSentimentSum = 0.0
    var positiveSum = 0.0
    var negativeSum = 0.0
    var hasSentiment = false
    var voice = "author"
    var speaker: Int? = nil
    /// Whether a quotation is still open at the sentence's end (carried to the next sentence).
    var endsInQuote = false
    var denial = false
    var mentionsRussia = false
    /// What the sentence's negative tone counts toward Russia (codebook rule 8): ×`russian_speaker_factor`
    /// when a Russian speaker talks about Azerbaijan without denying (Moscow's complaint), and
    /// ×`russian_victims_factor` when the victims named are Russian nationals; 1 otherwise. The
    /// scorer's lean of tone on the anti-Russian pole and the report's tone toward Russia both use it.
    var russiaSideToneFactor = 1.0

    /// Adds a frame cue's weight to its sub-frame.
    mutating func add(subframe id: Int32, _ weight: Double) {
        if let i = subframes.firstIndex(where: { $0.id == id }) {
            subframes[i].weight += weight
        } else {
            subframes.append((id, 0 + weight))  // 0 + w, as the dictionary's `default: 0` summed (−0 → 0)
        }
    }
}

/// A quotation carried from earlier sentences into this one: open at its start, with its speaker
/// when known. `reopensHere`: the sentence opens a new paragraph with a quotation mark that
/// continues the quotation (a multi-paragraph quotation re-opens each paragraph).
struct QuoteCarry {
    var open = false
    var reopensHere = false
    var speaker: Int? = nil
    /// The sentence after names `speaker` as this one's source (`rule.backreference`: «…. Об
    /// этом заявил Песков»): the speaker applies though no quotation is open.
    var attributed = false
}

/// Applies the rules to the cues of one sentence. Each rule is a small step below, named in the
/// trace; its constants come from ``ScoringSettings`` (the pack's manifest).
///
/// A class, not a struct: the scoring closures capture `self`, and a struct holding the compiled
/// lexicon (some forty arrays) was copied, with a retain and release of each array, for every
/// sentence (4 % of analysis, measured with callgrind).
final class SentenceScorer {
    let lexicon: CompiledLexicon
    let settings: ScoringSettings
    let text: SegmentedText
    /// The analyzer's reusable per-token buffers.
    let scratch: ScorerScratch

    init(lexicon: CompiledLexicon, settings: ScoringSettings, text: SegmentedText, scratch: ScorerScratch) {
        self.lexicon = lexicon
        self.settings = settings
        self.text = text
        self.scratch = scratch
    }

    /// The rule words of a sentence, by token index.
    struct Rules {
        /// `verbal`: a negative verb form matched by a suffix pattern (`*məyib`), which negates
        /// only what precedes it (Azerbaijani word order), never what follows.
        var negators: [(token: Int32, end: Int32, verbal: Bool)] = []
        var boosters: [(token: Int32, end: Int32, weight: Double)] = []
        var dampeners: [(token: Int32, end: Int32, weight: Double)] = []
        var hedges: [(token: Int32, weight: Double, term: String)] = []
        var contrasts: [Int32] = []
        var reporting: [Int32] = []
        /// The reporting verbs that are impersonal passives (`rule.passive_reporting`).
        var passiveReporting: [Int32] = []
        var denials: [Int32] = []
        /// Legal charges (`rule.charge`): first and end token.
        var charges: [(token: Int32, end: Int32)] = []
        /// Demands (`rule.demand`): first and end token.
        var demands: [(token: Int32, end: Int32)] = []
        /// Titles and posts (`rule.title`): first and end token.
        var titles: [(token: Int32, end: Int32)] = []
        /// Whether the sentence names Russian / Azerbaijani people as a group.
        var russianNationals = false
        var azerbaijaniNationals = false
    }

    /// A name in the instrumental or comitative case is the company, never the speaker: "Путин
    /// на встрече с Алиевым заявил", "Putin İlham Əliyevlə görüşdə bildirib" (with Aliyev).
    /// Only inflected mentions count, so that a name ending so in the nominative (`Газпром`) stays.
    func isCompany(_ m: ResolvedMention, _ language: Language, _ matcher: Matcher) -> Bool {
        // A language may also write the comitative as a postposition after the name (`rule.comitative`:
        // "FTX ilə əlaqəsini rədd edib", denied ties with the FSB; the FSB does not speak).
        if Int(m.endToken) < text.tokens.count
            && matcher.isClosedWord(Int(m.endToken), of: .comitative, language, in: text)
        {
            return true
        }
        guard m.inflected else { return false }
        let bytes = text.bytes[text.tokens[Int(m.endToken) - 1].byteRange]
        let endings = lexicon.manifest.comitativeEndings[language] ?? []
        return endings.contains { e in bytes.count > e.count && bytes.suffix(e.count).elementsEqual(e) }
    }

    /// The marks that end a clause before a trailing attribution: , ; : — –
    static let clauseMarks: [[UInt8]] = [",", ";", ":", "—", "–"].map { Array($0.utf8) }

    /// Whether a reporting word is a participle or converb whose subject is the sentence's:
    /// English -ing (saying, adding), Russian gerunds (заявив, отметив; ссылаясь, подчеркивая),
    /// Azerbaijani -araq/-ərək (bildirərək, deyərək).
    func isParticiple(_ word: ArraySlice<UInt8>, _ language: Language) -> Bool {
        let endings = lexicon.manifest.participleEndings[language] ?? []
        return endings.contains { e in word.count > e.count + 2 && word.suffix(e.count).elementsEqual(e) }
    }

    /// Russia-target context: in the sentence, elsewhere in its paragraph or the previous sentence, or nowhere.
    enum TargetScope { case sentence, context, none }

    func score(
        sentenceIndex: Int, hits: [Hit], matcher: Matcher, mentions: [ResolvedMention], targetScope: TargetScope,
        azerbaijanNamed: Bool, followedByContrast: Bool = false, previousSpeaker: Int? = nil,
        quote: QuoteCarry = QuoteCarry(),
        accumulation: (factor: Double, sentences: Int) = (1, 0), explain: Bool
    ) -> ScoredSentence {
        let sentence = text.sentences[sentenceIndex]
        let language = sentence.language
        var result = ScoredSentence(index: sentenceIndex)
        result.mentionsRussia = targetScope == .sentence

        // Word positions, for distances counted in words (in the analyzer's reused buffers,
        // moved out and back so that they are not copied).
        let base = sentence.tokens.lowerBound
        var wordIndex: [Int32] = []
        var clause: [Int32] = []
        var quoted: [Bool] = []
        swap(&wordIndex, &scratch.wordIndex)
        swap(&clause, &scratch.clause)
        swap(&quoted, &scratch.quoted)
        defer {
            swap(&wordIndex, &scratch.wordIndex)
            swap(&clause, &scratch.clause)
            swap(&quoted, &scratch.quoted)
        }
        Self.reset(&wordIndex, to: 0, count: sentence.tokens.count + 1)
        Self.reset(&clause, to: 0, count: sentence.tokens.count + 1)
        Self.reset(&quoted, to: false, count: sentence.tokens.count + 1)
        var words: Int32 = 0
        var clauses: Int32 = 0
        var inQuote = quote.open
        for (offset, t) in sentence.tokens.enumerated() {
            let token = text.tokens[t]
            wordIndex[offset] = words
            if token.isWordLike { words += 1 }
            if let mark = text.punctuationMark(token) {
                if ClauseMarks.boundaries.contains(mark.value) { clauses += 1 }
                let opens = lexicon.quoteOpen.contains(mark.value)
                let closes = lexicon.quoteClose.contains(mark.value)
                // A quotation carried into a new paragraph re-opens there with a mark of its own
                // (the typesetting convention): that mark continues it, it does not close it.
                if quote.reopensHere && offset == 0 && opens {
                    inQuote = true
                } else if inQuote && closes {
                    inQuote = false
                } else if !inQuote && opens {
                    inQuote = true
                }
            }
            clause[offset] = clauses
            quoted[offset] = inQuote
        }
        wordIndex[sentence.tokens.count] = words
        clause[sentence.tokens.count] = clauses
        result.endsInQuote = inQuote

        // Frame cues own their words: rule words inside a frame cue ("not interested in
        // worsening", "lack of") are part of the cue, not rules acting on it. A gapped cue owns
        // the words before its first gap and after its last (``CompiledLexicon/gappedEnds``: the
        // «не» of `разрыв ~ не обсуждается`, "Разрыв с Москвой даже не обсуждается", is the cue's
        // own word); the words of its gap are the sentence's ("Russia has not struck ~" is negated).
        let frameHits = hits.filter { $0.layer == .frame && !$0.gapped }
        var gappedCues: [(first: Int32, end: Int32, head: Int32, tail: Int32)] = []
        for hit in hits where hit.layer == .frame && hit.gapped {
            guard let target = matcher.candidates(of: hit).first(where: { matcher.accepts($0, hit, language) })
            else { continue }
            let ends = lexicon.gappedEnds[Int(target.index)]
            gappedCues.append((hit.firstToken, hit.endToken, Int32(ends.head), Int32(ends.tail)))
        }
        func insideFrameCue(_ hit: Hit) -> Bool {
            if frameHits.contains(where: { $0.firstToken <= hit.firstToken && hit.endToken <= $0.endToken }) {
                return true
            }
            return gappedCues.contains { g in
                guard g.first <= hit.firstToken && hit.endToken <= g.end else { return false }
                let wordsBefore = wordIndex[Int(hit.firstToken) - base] - wordIndex[Int(g.first) - base]
                let wordsFrom = wordIndex[Int(g.end) - base] - wordIndex[Int(hit.firstToken) - base]
                return wordsBefore < g.head || wordsFrom <= g.tail
            }
        }
        var rules = Rules()
        // Negators a frame cue owns, for negative concord (below).
        var ownedNegators: [(token: Int32, end: Int32)] = []
        for hit in hits where hit.layer == .rule && insideFrameCue(hit) && hit.node >= 0 {
            for target in matcher.candidates(of: hit) where matcher.accepts(target, hit, language) {
                if case .rule(.negator) = lexicon.entryCategory[Int(target.index)] {
                    ownedNegators.append((hit.firstToken, hit.endToken))
                }
            }
        }
        // "in May 2025", "on 9 May", "in May, …": a capitalised one-word rule word inside the
        // sentence next to a number or before a comma is a date (the month), not the modal hedge.
        func isDate(_ hit: Hit) -> Bool {
            let t = Int(hit.firstToken)
            guard hit.endToken - hit.firstToken == 1, t > base else { return false }
            let first = text.bytes[Int(text.tokens[t].byteStart)]
            guard first >= 0x41 && first <= 0x5A else { return false }
            if text.tokens[t - 1].kind == .number { return true }
            guard t + 1 < sentence.tokens.upperBound else { return false }
            let next = text.tokens[t + 1]
            return next.kind == .number || (next.kind == .punctuation && text.bytes[Int(next.byteStart)] == 0x2C)
        }
        func isCited(_ hit: Hit) -> Bool {
            let t = Int(hit.firstToken)
            guard t > base, Int(hit.endToken) < sentence.tokens.upperBound else { return false }
            func isMark(_ i: Int) -> Bool {
                let token = text.tokens[i]
                return token.kind == .punctuation
                    && text.bytes.withUnsafeBufferPointer {
                        TermTokens.isQuotationMark(UnsafeBufferPointer(rebasing: $0[token.byteRange]))
                    }
            }
            return isMark(t - 1) && isMark(Int(hit.endToken))
        }
        func isPassiveOfPerson(_ verb: Int32) -> Bool {
            let v = Int(verb)
            guard v - 1 > sentence.tokens.lowerBound,
                matcher.isClosedWord(v - 1, of: .passiveAuxiliary, language, in: text)
            else { return false }
            return mentions.contains { m in
                m.endToken == verb - 1 && m.entity.map { lexicon.entityInfo[$0].type == .person } ?? false
            }
        }
        for hit in hits where hit.layer == .rule && !isDate(hit) {
            // A verb that is both a cue and a reporting verb ("accused", "обвинила", "ittiham
            // edib") still names who speaks; other rule words inside a cue belong to the cue.
            let owned = insideFrameCue(hit)
            for target in matcher.candidates(of: hit) where matcher.accepts(target, hit, language) {
                let entryIndex = Int(target.index)
                guard case .rule(let word) = lexicon.entryCategory[entryIndex] else { continue }
                if owned && !word.actsInsideCues { continue }
                let weight = lexicon.entryWeight[entryIndex]
                switch word {
                case .negator: rules.negators.append((hit.firstToken, hit.endToken, hit.node < 0))
                case .booster: rules.boosters.append((hit.firstToken, hit.endToken, weight))
                case .dampener: rules.dampeners.append((hit.firstToken, hit.endToken, weight))
                case .hedge: rules.hedges.append((hit.firstToken, weight, lexicon.entries[entryIndex].term))
                case .contrast:
                    // A word standing alone in quotation marks is cited, not said: "по пункту «а»
                    // части 2" names a clause of the law (QA pass 4).
                    if !isCited(hit) { rules.contrasts.append(hit.firstToken) }
                case .reporting: rules.reporting.append(hit.firstToken)
                case .passiveReporting:
                    rules.reporting.append(hit.firstToken)
                    rules.passiveReporting.append(hit.firstToken)
                case .denial:
                    // "Mehdiyev was dismissed", "Гусейнов был отвергнут": a person who undergoes the
                    // verb denies nothing (the claims "were dismissed" still are denied).
                    if !isPassiveOfPerson(hit.firstToken) { rules.denials.append(hit.firstToken) }
                case .title: rules.titles.append((hit.firstToken, hit.endToken))
                case .charge: rules.charges.append((hit.firstToken, hit.endToken))
                case .demand: rules.demands.append((hit.firstToken, hit.endToken))
                // background, backreference: the analyzer reads them (they reach other sentences)
                case .inert, .background, .backreference: break
                case .russianNationals: rules.russianNationals = true
                case .azerbaijaniNationals: rules.azerbaijaniNationals = true
                // Closed word lists are not in the trie (``Matcher/isClosedWord(_:of:_:in:)`` reads them).
                case .pronoun, .orgAnaphor, .placePreposition, .objectPreposition, .impersonal, .coordinator,
                    .passiveAuxiliary, .complementizer, .envoy, .article, .comitative, .givenName, .notSurname:
                    break
                }
            }
        }
        // Contrast words also end a clause.
        for c in rules.contrasts {
            let offset = Int(c) - base
            for o in offset..<clause.count { clause[o] += 1 }
        }
        // A negated reporting verb attributes nothing: "Russia has still not admitted that its air
        // defences hit the plane", "Москва так и не признала…" is the author's grievance, not
        // Moscow's words (QA pass 8: it was damped as Russia's side of the dispute).
        rules.reporting.removeAll { t in
            let verb = Int(t) - base
            return rules.negators.contains { n in
                !n.verbal && n.end <= t && clause[Int(n.token) - base] == clause[verb]
                    && wordIndex[verb] - wordIndex[Int(n.end) - 1 - base] <= 2
            }
        }

        let lastToken = text.tokens[sentence.tokens.upperBound - 1]
        let isQuestion = lastToken.kind == .punctuation && containsQuestionMark(lastToken)
        // A sentence in two parts joined by a dash ("Moskva yenə beynəlxalq hüququ pozur - Bakı
        // hansı addımları ata bilər?", "Moscow broke the law again — what can Baku do?"): the
        // question asks about its own part only (when that part has two words or more), and in a
        // headline a hedge reaches only its own part's cues (real set 30: the accusation of the
        // first part was cut by the second part's "bilər" and question mark).
        var dashes: [Int32] = []
        if isQuestion || (sentence.isHeadline && !rules.hedges.isEmpty) {
            for t in sentence.tokens where text.tokens[t].kind == .punctuation {
                if let mark = text.punctuationMark(text.tokens[t]), ClauseMarks.dashes.contains(mark.value) {
                    dashes.append(Int32(t))
                }
            }
        }
        func part(_ token: Int32) -> Int { dashes.reduce(0) { $0 + ($1 < token ? 1 : 0) } }
        var questionFrom = Int32(sentence.tokens.lowerBound)
        if isQuestion, let last = dashes.last,
            wordIndex[sentence.tokens.count] - wordIndex[Int(last) - base] >= 2
        {
            questionFrom = last
        }
        // The sentence's hedge, summed once; a headline in parts sums its cue's part per cue.
        let sentenceHedge = min(settings.hedgeMaximum, rules.hedges.reduce(0) { $0 + $1.weight })
        func hedgeOf(_ hit: Hit) -> Double {
            guard sentence.isHeadline && !dashes.isEmpty else { return sentenceHedge }
            let own = part(hit.firstToken)
            return min(
                settings.hedgeMaximum, rules.hedges.reduce(0) { $0 + (part($1.token) == own ? $1.weight : 0) })
        }

        // Attribution: a reporting verb with a named speaker makes the sentence quoted voice.
        let people = mentions.filter { m in
            guard let e = m.entity else { return false }
            return (lexicon.entityInfo[e].type == .person || lexicon.entityInfo[e].type == .org)
                && !isCompany(m, language, matcher)
        }
        // The attributing verb: the first reporting verb outside quotation marks ("«Мы расцениваем
        // это как…», — заявила Захарова": "расцениваем" is in the quoted words), else the first.
        let unquotedVerb = rules.reporting.first { t in
            let offset = Int(t) - base
            return offset >= 0 && offset < quoted.count && !quoted[offset]
        }
        if let verb = unquotedVerb ?? rules.reporting.first ?? rules.denials.first {
            let v = Int(verb)
            // Whether the word before mention `m` is in the closed list `list` ("In Moscow").
            func follows(_ m: ResolvedMention, _ list: RuleWord) -> Bool {
                Int(m.firstToken) > base && matcher.isClosedWord(Int(m.firstToken) - 1, of: list, language, in: text)
            }
            // A name after the verb is postposed attribution ("…, said Peskov", "по словам
            // Пескова", "заявил Песков"): close to the verb, with no punctuation between. A name
            // after a comma or further on belongs to the reported clause ("Следствие утверждает,
            // что сотрудники Sputnik…": the investigators speak, not Sputnik). Nor is the object of
            // a preposition the speaker ("настаивает на связях с ФСБ", "said in Moscow").
            let after = people.first { m in
                guard m.firstToken > verb, m.firstToken - verb <= 4 else { return false }
                return !(verb + 1..<m.firstToken).contains { text.tokens[Int($0)].kind == .punctuation }
                    && !follows(m, .objectPreposition)
            }
            // In a trailing attribution clause a place with a target role is a metonymic speaker
            // ("…, the Kremlin said", "…, Baku says"); elsewhere a place is what is talked about.
            // Not when the place is in a case form or follows a preposition ("the embassy in
            // Moscow said", "Moskvadakı səfirlik": where the speaker sits), except in the Russian
            // impersonal form ("в Кремле заявили", "в Баку восприняли").
            func isMetonymicSpeaker(_ m: ResolvedMention) -> Bool {
                guard let e = m.entity, m.form != .adjective else { return false }
                let info = lexicon.entityInfo[e]
                guard info.type == .place && (info.russiaTarget || info.azerbaijanTarget) else { return false }
                if isImpersonalSource(m) { return true }
                return !m.inflected && !follows(m, .placePreposition)
            }
            // The Russian impersonal attribution: "в/во" + a name + the verb, at most two words
            // between ("В Госдуме обвинили…", "в МИД России заявили", "В Кремле уже ответили").
            func isImpersonalSource(_ m: ResolvedMention) -> Bool {
                m.endToken <= verb && verb - m.endToken <= 2 && follows(m, .impersonal)
                    && !(m.endToken..<verb).contains { text.tokens[Int($0)].kind == .punctuation }
            }
            // A name in a case form next to a post names the speaker's institution ("депутат
            // Госдумы заявил", "Dövlət Dumasının deputatı deyib"): the speaker is one of theirs.
            func isAffiliation(_ m: ResolvedMention) -> Bool {
                rules.titles.contains { $0.end == m.firstToken || $0.token == m.endToken }
            }
            // The nearest clause mark (, ; : — –) within five tokens before the verb.
            let mark = stride(from: v - 1, through: max(base, v - 5), by: -1).first { t in
                text.tokens[t].kind == .punctuation
                    && Self.clauseMarks.contains { $0.elementsEqual(text.bytes[text.tokens[t].byteRange]) }
            }
            // Right after punctuation, a quotation mark included ("…," said Peskov).
            let postposed = v > base && text.tokens[v - 1].kind == .punctuation
            // "Mammadyarov was accused of spying": a passive verb's subject is talked about; only
            // the agent after it ("by Zakharova") speaks.
            // An impersonal passive ("bildirilir", "it is reported") is passive by itself.
            let impersonalPassive = rules.passiveReporting.contains(verb)
            let passive =
                impersonalPassive
                || (v > base && matcher.isClosedWord(v - 1, of: .passiveAuxiliary, language, in: text))
            // Its source in the Azerbaijani ablative right before it: "Rusiya XİN-dən bildirilib"
            // (from the ministry it was said: the ministry speaks).
            let ablativeSource: ResolvedMention? =
                impersonalPassive && language == .az
                ? people.last { m in
                    // The name, then at most a hyphen and its ending ("XİN-dən"), then the verb.
                    guard m.endToken <= verb, verb - m.endToken <= 2, m.inflected || m.endToken < verb else {
                        return false
                    }
                    var end = Int(text.tokens[v].byteRange.lowerBound)
                    while end > 0 && (text.bytes[end - 1] == 0x20 || text.bytes[end - 1] == 0x09) { end -= 1 }
                    let before = text.bytes[Int(text.tokens[Int(m.firstToken)].byteRange.lowerBound)..<end]
                    return CaseEndings.word(before, endsIn: CaseEndings.ablative)
                } : nil
            // Where the name after the verb is not set off by punctuation before the verb, it is
            // often the verb's object: in English ("media accused Mehdiyev of…", "called him
            // Moscow's man") it speaks only when nothing but punctuation follows it ("… said
            // Peskov."); in Russian and Azerbaijani only in the nominative ("Об этом заявил Песков",
            // not "СМИ обвинили Мамедъярова"). In the passive it is the agent, who speaks.
            let afterSpeaker =
                passive
                ? after
                : after.flatMap { m in
                    let speaks =
                        language == .en
                        ? Int(m.endToken) >= sentence.tokens.upperBound
                            || text.tokens[Int(m.endToken)].kind == .punctuation
                        : !m.inflected
                    return speaks ? m : nil
                }
            let speaker: ResolvedMention?
            if postposed && isParticiple(text.bytes[text.tokens[v].byteRange], language) {
                // "…, saying", "…, заявив", "…, ссылаясь", "…, deyərək": the participle's subject
                // is the sentence's ("Peskov dismissed the talk, saying…").
                speaker = people.first { $0.endToken <= verb } ?? after
            } else if postposed {
                // Right after punctuation ("…, says a Baku sociologist", "…, — считают
                // экономисты"): the speaker follows the verb; a name before it is in the reported
                // words, unless it opens the sentence as the subject of an apposition ("Peskov,
                // the Kremlin spokesman, said"; "Мамедъяров — агент…, пишут СМИ" is reported).
                // The Russian impersonal form after the verb names its source as it does before
                // it ("…, заявили в МИД России", "…, сообщили в Кремле").
                let impersonalAfter = mentions.first { m in
                    guard language == .ru, let e = m.entity, m.form != .adjective, m.firstToken > verb,
                        m.firstToken - verb <= 2, follows(m, .impersonal),
                        !(verb + 1..<m.firstToken).contains(where: { text.tokens[Int($0)].kind == .punctuation })
                    else { return false }
                    let info = lexicon.entityInfo[e]
                    return info.type != .place || info.russiaTarget || info.azerbaijanTarget
                }
                speaker =
                    impersonalPassive
                    ? after ?? impersonalAfter
                    : after ?? impersonalAfter
                        ?? people.last { m in
                            guard m.endToken <= verb, m.firstToken <= Int32(base) + 1,
                                Int(m.endToken) < sentence.tokens.upperBound
                            else { return false }
                            return text.bytes[text.tokens[Int(m.endToken)].byteRange].elementsEqual([0x2C])
                        }
            } else if let mark {
                // A trailing attribution clause ("Mammadyarov is a spy, the media said"; "…, the
                // Kremlin said"): its subject is the speaker, or no one known; the names before
                // the mark are in the reported words.
                speaker =
                    passive
                    ? afterSpeaker ?? ablativeSource
                    : mentions.last { m in
                        m.firstToken > Int32(mark) && m.endToken <= verb
                            && (people.contains(where: { $0.firstToken == m.firstToken }) || isMetonymicSpeaker(m))
                    } ?? afterSpeaker
            } else {
                // The verb's subject, by these rules in order (the first that finds one wins).
                // A person or organisation before the verb; not a Russian or Azerbaijani name in
                // a case form ("ограничения Россельхознадзора в Баку восприняли…", a dative
                // "Moskalkovaya"), except the Azerbaijani genitive right before a reporting noun,
                // whose owner speaks ("Putinin sözlərinə görə", "Zaxarovanın fikrincə").
                func namedSubject() -> ResolvedMention? {
                    people.last { m in
                        m.endToken <= verb
                            && (!m.inflected || language == .en || isImpersonalSource(m) || isAffiliation(m)
                                || (language == .az && m.endToken == verb))
                    }
                }
                // The Russian impersonal form with a place: "в Кремле заявили", "в Баку восприняли".
                func impersonalPlace() -> ResolvedMention? {
                    mentions.last { isImpersonalSource($0) && isMetonymicSpeaker($0) }
                }
                // "Moscow complained that…", "Baku has strongly condemned…": a capital or a country
                // (with a target role) right before the verb, words only between.
                // Azerbaijani puts the verb last: a nominative capital or country that opens the
                // sentence is its subject however far the verb ("Azərbaycan Rusiyanın … siyasətini
                // kəskin pislədi"), with no punctuation between.
                func placeSubject() -> ResolvedMention? {
                    mentions.last { m in
                        guard m.endToken <= verb, isMetonymicSpeaker(m) else { return false }
                        if language == .az && Int(m.firstToken) == base && !m.inflected {
                            return !(m.endToken..<verb).contains { text.tokens[Int($0)].kind == .punctuation }
                        }
                        return verb - m.endToken <= 2
                            && !(m.endToken..<verb).contains { text.tokens[Int($0)].kind != .word }
                    }
                }
                // "Russian pundits claimed…", "российские политологи считают…", "rusiyalı ekspertlər
                // bildirib": a country's adjective before the noun that is the verb's subject makes
                // that country's side the speaker.
                func countrySide() -> ResolvedMention? {
                    mentions.last { m in
                        guard m.form == .adjective, let e = m.entity, lexicon.entityInfo[e].type == .place,
                            lexicon.entityInfo[e].russiaTarget || lexicon.entityInfo[e].azerbaijanTarget,
                            m.endToken < verb, verb - m.endToken <= 2
                        else { return false }
                        return !(m.endToken..<verb).contains { text.tokens[Int($0)].kind != .word }
                    }
                }
                // Last, a name right after the verb (postposed attribution, above).
                speaker =
                    passive
                    ? afterSpeaker ?? ablativeSource
                    : namedSubject() ?? impersonalPlace() ?? placeSubject() ?? countrySide() ?? afterSpeaker
            }
            if let speaker {
                result.speaker = speaker.entity
                result.voice = "quoted"
            } else if !rules.reporting.isEmpty {
                result.voice = "quoted"
                // "He added", "по его словам", "Onun sözlərinə görə": a personal pronoun next to
                // the verb continues the person who spoke in the sentence before.
                // So does "the ministry said", «там заявили», "qurum bildirib" (`rule.org_anaphor`)
                // for the organisation that spoke in the sentence before.
                if let previousSpeaker {
                    let list: RuleWord?
                    switch lexicon.entityInfo[previousSpeaker].type {
                    case .person: list = .pronoun
                    case .org: list = .orgAnaphor
                    case .place, .project: list = nil  // a place or a country speaks by name
                    }
                    if let list,
                        (max(base, v - 2)..<min(sentence.tokens.upperBound, v + 3)).contains(where: { t in
                            matcher.isClosedWord(t, of: list, language, in: text)
                        })
                    {
                        result.speaker = previousSpeaker
                    }
                }
            }
        } else if let speaker = people.first(where: { $0.firstToken <= Int32(base) + 2 }),
            Int(speaker.endToken) < sentence.tokens.upperBound,
            text.bytes[text.tokens[Int(speaker.endToken)].byteRange].elementsEqual([0x3A])
        {
            // The headline form of attribution: a person or organisation, then a colon, at the
            // start ("Peskov: …", "Захарова: …", "Rusiya XİN: …").
            result.speaker = speaker.entity
            result.voice = "quoted"
        }
        // A sentence that opens inside a quotation carried from the sentence before ("Zakharova
        // said: «Baku is waging a campaign. Our journalists are held…»") is that quotation's
        // speaker's, unless it names its own.
        // The same for the sentence that opens a quotation its last sentence attributes («…
        // Наши журналисты задержаны», — заявила Захарова): the analyzer passes the speaker back.
        let quotedShare = quoted.dropLast().filter { $0 }.count
        let mostlyQuoted = quotedShare * 2 >= sentence.tokens.count && sentence.tokens.count > 2
        if result.speaker == nil && (quote.open || mostlyQuoted || quote.attributed), let speaker = quote.speaker {
            result.speaker = speaker
            result.voice = "quoted"
        }
        if mostlyQuoted { result.voice = "quoted" }
        result.denial = !rules.denials.isEmpty
        let russianSpeaker =
            settings.russianSpeakerFactor != 1 && !result.denial && azerbaijanNamed
            && result.speaker.map { lexicon.entityInfo[$0].russiaTarget } == true
        let russianVictims =
            settings.russianVictimsFactor != 1 && rules.russianNationals && !rules.azerbaijaniNationals
        // A place named as where something happens ("in Moscow", "Moskvada") is the scene, not a
        // party: it neither takes part in a sentence nor acts in it.
        func isScene(_ m: ResolvedMention) -> Bool {
            guard let e = m.entity, lexicon.entityInfo[e].type == .place, m.form != .adjective else { return false }
            var before = Int(m.firstToken) - 1
            // "in the South Caucasus", "in the Baltic states": an article (`rule.article`) between,
            // for a region or a third country (not "from the Kremlin": the Kremlin speaks, it is
            // no scene).
            let info = lexicon.entityInfo[e]
            if !info.russiaTarget && !info.azerbaijanTarget && before > base
                && matcher.isClosedWord(before, of: .article, language, in: text)
            {
                before -= 1
            }
            if before >= base && matcher.isClosedWord(before, of: .placePreposition, language, in: text) {
                return true
            }
            return language == .az && m.inflected && isLocative(Int(m.endToken) - 1)
        }
        // Whether clause `c` is a reported clause opened by a `rule.complementizer` at its start
        // ("…, что Россия не выплатила") or at the end of the clause before it ("… edib ki, …").
        func opensReportedClause(_ c: Int32) -> Bool {
            guard let start = clause.firstIndex(of: c), start < sentence.tokens.count else { return false }
            func isComplementizer(_ offset: Int?) -> Bool {
                offset.map { matcher.isClosedWord(base + $0, of: .complementizer, language, in: text) } ?? false
            }
            return isComplementizer((start..<sentence.tokens.count).first { text.tokens[base + $0].isWordLike })
                || isComplementizer((0..<start).last { text.tokens[base + $0].isWordLike })
        }
        // Set when a cue of the sentence had an Azerbaijani side acting on a Russian one: the
        // sentence's tone then leans the frame as the Russian-victims rule's does.
        var azerbaijanActed = false
        // Calls `body` with each resolved mention in clause `c` of the sentence and its entity's
        // facts, in order, until it returns false (no array is built: this runs per frame cue).
        func forEachMention(inClause c: Int32, _ body: (ResolvedMention, CompiledLexicon.EntityInfo) -> Bool) {
            for m in mentions {
                guard let e = m.entity else { continue }
                let offset = Int(m.firstToken) - base
                guard offset >= 0, offset < clause.count, clause[offset] == c else { continue }
                if !body(m, lexicon.entityInfo[e]) { return }
            }
        }
        // Baku acting on a Russian object: "Azerbaijani police raided the office of Russia's
        // Sputnik", "Azerbaijani authorities on Tuesday jailed two staff of Russia's news agency".
        // An Azerbaijani side named just before the cue (at most `actorGap` words, no other cue or
        // reporting verb between), a Russia target after it, none before it, and no Azerbaijanis
        // named as a group (then they are the likely victims): Russia is the injured party
        // (codebook rule 8), as with Russian nationals.
        let actorGap: Int32 = 3
        func azerbaijanActsOnRussia(_ hit: Hit) -> Bool {
            guard settings.russianVictimsFactor != 1, !rules.azerbaijaniNationals else { return false }
            let first = Int(hit.firstToken) - base
            var actorEnd: Int32? = nil
            var russiaBefore = false
            var russiaAfter = false
            forEachMention(inClause: clause[first]) { m, info in
                if m.endToken <= hit.firstToken {
                    // Azerbaijani puts the object before the verb: a Russia target in the dative or
                    // accusative after the actor ("Azərbaycan Rusiyaya təzyiq göstərir") is the object.
                    if info.russiaTarget && language == .az && actorEnd != nil && m.inflected
                        && CaseEndings.word(
                            text.bytes[text.tokens[Int(m.endToken) - 1].byteRange], endsIn: CaseEndings.objectCases,
                            stem: 2)
                    {
                        russiaAfter = true
                        return true
                    }
                    if info.russiaTarget { russiaBefore = true }
                    if info.azerbaijanTarget && !isScene(m) { actorEnd = m.endToken }
                } else if m.firstToken >= hit.endToken && info.russiaTarget {
                    russiaAfter = true
                }
                return !russiaBefore
            }
            guard !russiaBefore, let actorEnd, russiaAfter,
                wordIndex[first] - wordIndex[Int(actorEnd) - base] <= actorGap
            else { return false }
            let between = actorEnd..<hit.firstToken
            return !rules.reporting.contains { between.contains($0) }
                && !frameHits.contains { between.contains($0.firstToken) }
        }

        // A sentiment word inside a multiword framing cue of the opposite polarity is part of
        // the cue's meaning ("not interested in *worsening* relations" is reassurance, not
        // negative tone); one that agrees with the cue ("*killed* in the raid") keeps its tone.
        let multiwordFrames = frameHits.filter { $0.endToken - $0.firstToken > 1 }
        // Whether the sentence has an anti-Russian cue: only the irony rule asks, for a
        // scare-quoted partnership cue, so it is worked out then, once.
        var antiKnown: Bool? = nil
        func antiInSentence() -> Bool {
            if let antiKnown { return antiKnown }
            // A supporting-only cue (weight under 0.5: "компенсаций" 0.05) does not make the
            // sentence hostile enough to turn reported praise into irony (QA pass 8).
            let found = frameHits.contains { hit in
                matcher.candidates(of: hit).contains { t in
                    guard matcher.accepts(t, hit, language),
                        case .frame(.antiRussian, _) = lexicon.entryCategory[Int(t.index)]
                    else { return false }
                    return lexicon.entryWeight[Int(t.index)] >= 0.5
                }
            }
            antiKnown = found
            return found
        }
        func isScareQuoted(_ hit: Hit) -> Bool {
            let before = Int(hit.firstToken) - 1
            let after = Int(hit.endToken)
            guard before >= sentence.tokens.lowerBound, after < sentence.tokens.upperBound,
                hit.endToken - hit.firstToken <= 3
            else { return false }
            return text.bytes.withUnsafeBufferPointer { b in
                [before, after].allSatisfy { t in
                    text.tokens[t].kind == .punctuation
                        && TermTokens.isQuotationMark(UnsafeBufferPointer(rebasing: b[text.tokens[t].byteRange]))
                }
            }
        }
        func framePole(_ hit: Hit) -> Pole? {
            for t in matcher.candidates(of: hit) where matcher.accepts(t, hit, language) {
                if case .frame(let pole, _) = lexicon.entryCategory[Int(t.index)] { return pole }
            }
            return nil
        }
        let conciliatorySpans = multiwordFrames.filter { framePole($0) == .conciliatory }
        // A negator governs the first framing cue after it: "did not [admit responsibility] for
        // [shooting down] the plane" denies the admission, not the shooting down. So a negator
        // with another framing cue between it and this one does not reach this one, unless the two
        // cues make one phrase: adjacent ("not [escalating] [tensions]") or coordinated ("did not
        // [pressure] or [threaten]": only `rule.coordinator` words between them). Negator and cue
        // are already known to share a clause.
        lazy var cueHits = frameHits.filter { framePole($0) != nil }  // framing cues of this language
        func negatorTaken(_ negatorEnd: Int32, before hit: Hit) -> Bool {
            cueHits.contains { other in
                other.firstToken >= negatorEnd && other.endToken <= hit.firstToken
                    && !coordinated(from: Int(other.endToken), to: Int(hit.firstToken))
            }
        }
        func coordinated(from: Int, to: Int) -> Bool {
            (from..<to).allSatisfy { t in
                text.tokens[t].kind == .punctuation || matcher.isClosedWord(t, of: .coordinator, language, in: text)
            }
        }
        // Per-language manifest facts, looked up once per sentence rather than per cue.
        let negationFollows = lexicon.manifest.negationFollows.contains(language)
        let negativeConcord = lexicon.manifest.negativeConcord.contains(language)
        let negativeInfixes = lexicon.manifest.negativeInfixes[language]
        let nonNegativeEndings = lexicon.manifest.nonNegativeEndings[language]
        // A name is a name: a cue inside an entity name two or more words longer ("Cooperation"
        // in "Shanghai Cooperation Organisation", «сотрудничества» in «Шанхайской организации
        // сотрудничества», "Railway Transport" in "CIS Council for Railway Transport") says
        // nothing about relations (real set 16). A cue that is the name but for one word still
        // counts ("ФСБ России", "Rusiyanın Federal Təhlükəsizlik Xidməti": the FSB named is
        // espionage vocabulary), and so do the words of a document's title (`reported = false`:
        // "Declaration on Allied Interaction").
        let names = mentions.filter { m in m.entity.map { lexicon.entityInfo[$0].reported } ?? true }
        func wordCount(_ first: Int32, _ end: Int32) -> Int32 {
            wordIndex[Int(end) - base] - wordIndex[Int(first) - base]
        }
        func insideName(_ hit: Hit) -> Bool {
            names.contains { m in
                m.firstToken <= hit.firstToken && hit.endToken <= m.endToken
                    && wordCount(m.firstToken, m.endToken) - wordCount(hit.firstToken, hit.endToken) >= 2
            }
        }
        /// Whether a scoped rule word (`word`: its first and end token) reaches `hit`: in the
        /// same clause, within `scope` words before or after it (counted from the nearer ends).
        /// `overlapping`: what a rule word inside the cue gives ("обвиняемым" charges itself);
        /// `acrossReporting`: whether a reporting verb between them still lets it reach.
        func reaches(
            _ word: (token: Int32, end: Int32), _ hit: Hit, scope: Int, overlapping: Bool, acrossReporting: Bool
        ) -> Bool {
            let at = Int(word.token) - base
            guard clause[at] == clause[Int(hit.firstToken) - base] else { return false }
            if word.token < hit.endToken && hit.firstToken < word.end { return overlapping }
            if !acrossReporting {
                let between = word.end <= hit.firstToken ? word.end..<hit.firstToken : hit.endToken..<word.token
                if rules.reporting.contains(where: { between.contains($0) }) { return false }
            }
            if word.end <= hit.firstToken {
                return wordIndex[Int(hit.firstToken) - base] - wordIndex[Int(word.end) - 1 - base] <= Int32(scope)
            }
            return wordIndex[at] - wordIndex[Int(hit.endToken) - 1 - base] <= Int32(scope)
        }
        // A legal charge (`rule.charge`) names an offence in its clause within `charge_scope`
        // words: after it ("обвиняемых в убийстве", "charged with murder"), before it ("qətldə
        // şübhəli bilinərək"), or as the charge word itself ("обвиняемым"). Not across a
        // reporting verb: "the defendants said police tortured them" is their account, not the
        // charge.
        func charged(_ hit: Hit) -> Bool {
            rules.charges.contains {
                reaches($0, hit, scope: settings.chargeScope, overlapping: true, acrossReporting: false)
            }
        }
        for hit in hits where hit.layer == .frame || hit.layer == .sentiment {
            if !names.isEmpty && insideName(hit) { continue }
            if hit.layer == .sentiment
                && conciliatorySpans.contains(where: { $0.firstToken <= hit.firstToken && hit.endToken <= $0.endToken })
                && matcher.targets(of: hit, language: language).contains(where: {
                    lexicon.entryWeight[Int($0.index)] < 0
                })
            {
                continue
            }
            for target in matcher.candidates(of: hit) where matcher.accepts(target, hit, language) {
                let entryIndex = Int(target.index)
                let category = lexicon.entryCategory[entryIndex]
                let entryWeight = lexicon.entryWeight[entryIndex]
                var cue = WeightedCue(
                    hit: hit, entry: entryIndex, category: category, baseWeight: entryWeight,
                    weight: entryWeight,
                    flipped: 0, modifiers: [], trace: [], target: nil)
                let first = Int(hit.firstToken) - base
                let last = Int(hit.endToken) - base
                let isFrame = hit.layer == .frame
                // The reason is only built for --explain. A rule scales both what the cue puts on its
                // own pole and what negation moved to the other (`cue.flipped`), so that the trace's
                // factors are the arithmetic ("denied that Russia had not paid" is damped like any
                // denial); a rule about one pole only scales that pole's share.
                func apply(
                    _ rule: String, _ factor: Double, _ reason: @autoclosure () -> String, modifier: CueModifiers,
                    share: WeightShare = .both
                ) {
                    if share != .flipped { cue.weight *= factor }
                    if share != .own { cue.flipped *= factor }
                    cue.modifiers.insert(modifier)
                    if explain { cue.trace.append(Report.TraceStep(rule: rule, factor: factor, reason: reason())) }
                }

                // Negation: a negator before the cue in the same clause, within `negationScope`
                // words; in languages where negation follows (Azerbaijani verbs), also after it.
                // In a negative-concord language, a cue that contains a negator ("maraqlı deyil",
                // "ни одного виновного") already says the negated thing: another negator in the
                // clause agrees with it ("nə Bakı, nə də Moskva … maraqlı deyil", "не назвала ни
                // одного виновного") rather than negating it again.
                let cueHasNegator =
                    negativeConcord
                    && ownedNegators.contains { $0.token >= hit.firstToken && $0.end <= hit.endToken }
                let negatedBy =
                    cueHasNegator || rules.negators.isEmpty
                    ? nil
                    : rules.negators.first { n in
                        let o = Int(n.token) - base
                        // A negator in a gapped cue's gap negates it: "Russia has not struck" for
                        // `russia ~ struck`.
                        if hit.gapped && n.token > hit.firstToken && n.end < hit.endToken { return true }
                        if n.end <= hit.firstToken && !n.verbal {
                            // The scope counts words from the negator's last word ("any intention of").
                            let last = Int(n.end) - 1 - base
                            return clause[o] == clause[first]
                                && wordIndex[first] - wordIndex[last] <= Int32(settings.negationScope)
                                && !negatorTaken(n.end, before: hit)
                        }
                        // A clause-final negator also negates what precedes it where negation
                        // does not follow as a rule: the Russian existential "кризиса нет".
                        let clauseFinal =
                            Int(n.end) == sentence.tokens.upperBound
                            || text.tokens[Int(n.end)].kind == .punctuation
                        if n.token >= hit.endToken && (negationFollows || (language == .ru && clauseFinal)) {
                            return clause[o] == clause[last - 1]
                                && wordIndex[o] - wordIndex[last - 1] <= Int32(settings.negationScopeBefore)
                        }
                        return false
                    }
                // A wildcard cue whose word carries the negative infix after its stem
                // ("razılaş*" in "razılaşmadı", "did not agree") is negated by its own word.
                let negatedInWord =
                    negatedBy == nil
                    && negativeInfixes.map {
                        hasNegativeInfix(
                            entry: entryIndex, token: Int(hit.endToken) - 1, infixes: $0,
                            nonNegativeEndings: nonNegativeEndings, keys: matcher.keys)
                    } ?? false
                let negation = lexicon.negationEffects[entryIndex]
                if negatedInWord {
                    if isFrame {
                        let original = cue.weight
                        switch negation {
                        case .keeps:
                            apply(
                                "negation", 1, "negative verb form, but the absence is itself the grievance",
                                modifier: .negated)
                        case .reverses:
                            apply(
                                "negation", 0, "negative verb form: the opposite pole gets the whole weight",
                                modifier: .negated)
                            cue.flipped = original
                        case .flips:
                            apply("negation", settings.negatedFrameKeep, "negative verb form", modifier: .negated)
                            cue.flipped = original * settings.negatedFrameFlip
                        }
                    } else {
                        apply("negation", settings.negatedSentimentFactor, "negative verb form", modifier: .negated)
                    }
                }
                if let n = negatedBy {
                    let word =
                        explain
                        ? text.text(
                            bytes: Int(text.tokens[Int(n.token)].byteStart)..<Int(text.tokens[Int(n.end) - 1].byteEnd))
                        : ""
                    if isFrame && negation == .keeps {
                        apply(
                            "negation", 1, "negated by “\(word)”, but the absence is itself the grievance",
                            modifier: .negated)
                    } else if isFrame && negation == .reverses {
                        let original = cue.weight
                        apply(
                            "negation", 0, "negated by “\(word)”: the opposite pole gets the whole weight",
                            modifier: .negated)
                        cue.flipped = original
                    } else if isFrame {
                        let original = cue.weight
                        apply("negation", settings.negatedFrameKeep, "negated by “\(word)”", modifier: .negated)
                        cue.flipped = original * settings.negatedFrameFlip
                        if explain {
                            cue.trace.append(
                                Report.TraceStep(
                                    rule: "negation_flip", factor: settings.negatedFrameFlip,
                                    reason: "this share of the weight moves to the opposite pole"))
                        }
                    } else {
                        apply("negation", settings.negatedSentimentFactor, "negated by “\(word)”", modifier: .negated)
                    }
                }

                // Intensity: the nearest booster or dampener before the cue in its clause, the
                // scope counted from the rule term's last word ("likes to speak about"). (The
                // `isEmpty` tests here and above skip the closures' set-up, which retained the
                // scorer's arrays for every cue of every sentence; most sentences have no rule words.)
                if !rules.boosters.isEmpty,
                    let b = rules.boosters.last(where: { b in
                        b.end <= hit.firstToken && clause[Int(b.token) - base] == clause[first]
                            && wordIndex[first] - wordIndex[Int(b.end) - 1 - base] <= Int32(settings.intensityScope)
                    })
                {
                    apply(
                        "booster", 1 + b.weight, "boosted by “\(text.text(of: text.tokens[Int(b.token)]))”",
                        modifier: .boosted)
                }
                if !rules.dampeners.isEmpty,
                    let d = rules.dampeners.last(where: { d in
                        d.end <= hit.firstToken && clause[Int(d.token) - base] == clause[first]
                            && wordIndex[first] - wordIndex[Int(d.end) - 1 - base] <= Int32(settings.intensityScope)
                    })
                {
                    apply(
                        "dampener", 1 - d.weight, "damped by “\(text.text(of: text.tokens[Int(d.token)]))”",
                        modifier: .damped)
                }

                // Hedges make the whole sentence's claims uncertain (a headline's: its part's).
                let hedge = rules.hedges.isEmpty ? 0 : hedgeOf(hit)
                if hedge > 0 {
                    apply(
                        "hedge", 1 - hedge, "hedged by “\(rules.hedges.map(\.term).joined(separator: ", "))”",
                        modifier: .hedged)
                }

                // Contrast: what follows "but/однако/lakin" outweighs what precedes it.
                if rules.contrasts.contains(where: { $0 >= hit.endToken && $0 > Int32(sentence.tokens.lowerBound) }) {
                    apply(
                        "contrast", settings.contrastBefore, "before a contrast conjunction",
                        modifier: .beforeContrast)
                } else if followedByContrast {
                    apply(
                        "contrast", settings.contrastBefore, "the next sentence opens with a contrast word",
                        modifier: .beforeContrast)
                } else if rules.contrasts.contains(where: { $0 < hit.firstToken }) {
                    apply(
                        "contrast", settings.contrastAfter, "after a contrast conjunction", modifier: .afterContrast)
                }

                if isQuestion && hit.firstToken > questionFrom {
                    apply("question", settings.questionFactor, "the sentence is a question", modifier: .question)
                }
                if quoted[first] || result.voice == "quoted" {
                    apply("attribution", settings.quotedFactor, "in quoted voice", modifier: .quoted)
                }
                // A denial reaches the cues of its own clause ("dismissed talk of a missile") and of
                // the reported clause right after it ("опроверг сообщения о том, что …"), not
                // another clause's ("…, which many in Baku regard as a deliberate cover-up").
                if result.denial && !rules.denials.contains(where: { $0 >= hit.firstToken && $0 < hit.endToken })
                    && rules.denials.contains(where: { d in
                        let c = clause[Int(d) - base]
                        return c == clause[first] || (clause[first] == c + 1 && opensReportedClause(c + 1))
                    })
                {
                    apply("denial", settings.deniedFactor, "the speaker denies it", modifier: .denied)
                }
                // Irony: a partnership word ("ally", "brotherly", "strategic partner") in scare
                // quotes in a sentence that also carries an anti-Russian cue ('"Strategic ally"
                // indeed: first it shoots down the plane…') mocks the partnership; its weight goes
                // to the anti-Russian pole. (Other sub-frames in quotes are the speaker's own
                // formula: the Kremlin's "third forces".)
                if isFrame, case .frame(.conciliatory, "partnership") = category, isScareQuoted(hit), antiInSentence() {
                    let original = cue.weight
                    apply(
                        "irony", 0, "a conciliatory word in scare quotes beside an anti-Russian cue", modifier: .ironic)
                    cue.flipped = original
                }
                // Russia speaking about Baku: an anti-Russian cue in a sentence attributed to a
                // Russian official or outlet that names Azerbaijan, and denies nothing, is Moscow's
                // complaint, admission or reassurance ("Zakharova accused Baku of Russophobia",
                // "Putin told Aliyev the missiles had exploded near the plane"), not the text
                // casting Russia as hostile (codebook rule 8). Denials keep the accusation, and a
                // threat (`[russian_speaker] exempt`: "Solovyov said Baku must be taught a lesson")
                // is the hostility itself.
                // The rule damps the anti-Russian share wherever it sits: a negated partnership cue
                // ("Azerbaijan was never a genuine ally of Russia", said by a Duma deputy) puts its
                // weight there too; a negated anti-Russian cue's reassurance keeps its weight.
                if russianSpeaker, isFrame, !lexicon.speakerExemptCue[entryIndex] {
                    if case .frame(.antiRussian, _) = category {
                        apply(
                            "speaker", settings.russianSpeakerFactor,
                            "said by a Russian speaker about Azerbaijan (Russia's side of the dispute)",
                            modifier: .russianSpeaker, share: .own)
                    } else if cue.flipped > 0 {
                        apply(
                            "speaker", settings.russianSpeakerFactor,
                            "negated, said by a Russian speaker about Azerbaijan (Russia's side of the dispute)",
                            modifier: .russianSpeaker, share: .flipped)
                    }
                }
                // Russians as the victims: a mistreatment cue in a sentence that names Russian
                // nationals and no Azerbaijani ones ("eight Russian citizens were detained in Baku",
                // "россиян избили в СИЗО") is Russia as the injured party, in whoever's voice
                // (codebook rule 8), not Russia cast as hostile.
                if russianVictims, isFrame, lexicon.injuredPartyCue[entryIndex] {
                    apply(
                        "victims", settings.russianVictimsFactor,
                        "its victims are Russian nationals (Russia as the injured party)", modifier: .russianVictims,
                        share: .own)
                } else if isFrame, lexicon.injuredPartyCue[entryIndex], azerbaijanActsOnRussia(hit) {
                    azerbaijanActed = true
                    apply(
                        "victims", settings.russianVictimsFactor,
                        "an Azerbaijani side acts on a Russian one (Russia as the injured party)",
                        modifier: .russianVictims, share: .own)
                }

                // A demand: "Baku demanded that Moscow apologise", «потребовал извиниться», "üzr
                // istəməyi tələb edib" name an apology not made — a grievance (real sets 21-22).
                if isFrame, negatedBy == nil, !negatedInWord, lexicon.demandCue[entryIndex],
                    let d = rules.demands.first(where: {
                        reaches($0, hit, scope: settings.demandScope, overlapping: false, acrossReporting: true)
                    })
                {
                    let original = cue.weight
                    let word =
                        explain
                        ? text.text(
                            bytes: Int(text.tokens[Int(d.token)].byteStart)..<Int(text.tokens[Int(d.end) - 1].byteEnd))
                        : ""
                    apply(
                        "demand", 0, "demanded by “\(word)”: not done, a grievance (the opposite pole gets the weight)",
                        modifier: .demanded)
                    cue.flipped = original
                }

                // A legal charge: "обвиняемых в убийстве", "charged with murder", "qətldə şübhəli
                // bilinərək" name what a defendant is charged with; a court report reads them out,
                // it does not ascribe them to Russia (real set 20: Yekaterinburg trial reports).
                if isFrame, settings.chargeFactor != 1, lexicon.chargeCue[entryIndex], !rules.charges.isEmpty,
                    charged(hit)
                {
                    apply(
                        "charge", settings.chargeFactor, "the offence named by a legal charge, not Russia's conduct",
                        modifier: .charged, share: .own)
                }

                // Accumulation: a cue of an accumulating sub-frame (the fact of talks, trade,
                // transit) is a fact alone and a frame when the text is built on such facts: it
                // counts more the more of the text's sentences carry one (manifest `[accumulation]`).
                if accumulation.factor > 1, isFrame, lexicon.accumulatingCue[entryIndex] {
                    apply(
                        "accumulation", accumulation.factor,
                        "\(accumulation.sentences) sentences of the text name contacts or ties",
                        modifier: .accumulated)
                }

                // A cue whose clause names a third party (Turkey, Israel, the US…) but no Russia
                // target is about that party ("cooperation with Turkey"), not about Russia. So is
                // a conciliatory cue whose clause pairs Russia with a third party and names no
                // Azerbaijani side: "Russia and Iran will sign an agreement on Rasht–Astara" is
                // Moscow's tie with Tehran, not with Baku.
                var scope = targetScope
                // Why a cue that had a Russia target lost it (nil: it had none to lose).
                var lostTarget: String? = nil
                if isFrame {
                    var third = false
                    var thirdActor = false
                    var russia = false
                    var azerbaijan = false
                    forEachMention(inClause: clause[first]) { m, info in
                        if info.russiaTarget {
                            russia = true
                        } else if info.azerbaijanTarget {
                            azerbaijan = true
                        } else if info.thirdParty {
                            third = true
                            if !isScene(m) { thirdActor = true }
                        }
                        return true
                    }
                    if third && !russia && scope != .none {
                        scope = .none
                        lostTarget = "its clause names a third party, not Russia"
                    }
                    if third && russia && !azerbaijan, case .frame(.conciliatory, _) = category {
                        scope = .none
                        lostTarget = "its clause pairs Russia with a third party, not with Azerbaijan"
                    }
                    // The mirror: a conciliatory cue whose clause pairs Azerbaijan with a third party
                    // that acts there (not a place where things happen) is that pair's, even with
                    // Russia named beside them, as mediator or onlooker: "the ceasefire deal between
                    // Baku and Yerevan brokered by Moscow", "Azerbaijan's partnership with Ukraine"
                    // (real set 19: en +3, dev +2; "a key partner for Moscow in the South Caucasus"
                    // keeps its target, the region being the scene).
                    if thirdActor && russia && azerbaijan, case .frame(.conciliatory, _) = category {
                        scope = .none
                        lostTarget = "its clause pairs Azerbaijan with a third party; Russia is named beside them"
                    }
                }
                if isFrame {
                    switch scope {
                    case .sentence:
                        cue.target = "russia"
                        if settings.targetInSentence != 1 {
                            apply(
                                "target", settings.targetInSentence, "a Russia target is in the sentence", modifier: []
                            )
                        }
                    case .context:
                        cue.target = "russia"
                        apply(
                            "target", settings.targetInParagraph,
                            "the nearest Russia target is in the surrounding text",
                            modifier: .targetInContext)
                    case .none:
                        apply(
                            "target", settings.targetNone,
                            lostTarget ?? "no Russia target in the paragraph or the headline",
                            modifier: .noTarget)
                    }
                    if case .frame(let pole, _) = category {
                        let flip = cue.flipped
                        if pole == .antiRussian {
                            result.anti += cue.weight
                            result.conciliatory += flip
                        } else {
                            result.conciliatory += cue.weight
                            result.anti += flip
                        }
                        result.add(subframe: lexicon.subframeIDs[entryIndex], cue.weight)
                    }
                } else {
                    result.hasSentiment = true
                    result.sentimentSum += cue.weight
                    if !rules.charges.isEmpty && charged(hit) { result.chargedSentimentSum += cue.weight }
                    if cue.weight > 0 { result.positiveSum += cue.weight } else { result.negativeSum -= cue.weight }
                }
                result.cues.append(cue)
            }
        }
        // Tone about a named Russia target leans the frame the same way.
        result.russiaSideToneFactor =
            (russianSpeaker ? settings.russianSpeakerFactor : 1)
            * (russianVictims || azerbaijanActed ? settings.russianVictimsFactor : 1)
        // Only when Russia takes part in the sentence, not when it is only the scene: the tone of
        // "deadly accidents in Moscow", "В Москве … погибли", "Moskvada … həlak olub" is about an
        // event located there, not about Russia (QA pass 4: weather, crime and sport news came out
        // framed). A place after a place preposition, or in the Azerbaijani locative, is a scene.
        func russiaTakesPart() -> Bool {
            mentions.contains { m in
                guard let e = m.entity, lexicon.entityInfo[e].russiaTarget else { return false }
                return !isScene(m)
            }
        }
        // Tone words in the scope of a legal charge describe the offence charged: they do not lean.
        let leaning = result.sentimentSum - (settings.chargeFactor != 1 ? result.chargedSentimentSum : 0)
        if targetScope == .sentence && settings.sentimentFrameWeight > 0 && leaning != 0
            && russiaTakesPart()
        {
            let lean: Double
            if leaning < 0 {
                // A Russian speaker's complaint about Baku, or what befell Russians, is not negative
                // tone toward Russia: it leans the anti-Russian pole by the same factor as its cues.
                lean = -leaning * settings.sentimentFrameWeight * result.russiaSideToneFactor
                result.anti += lean
            } else {
                lean = leaning * settings.sentimentFrameWeight
                result.conciliatory += lean
            }
            // --explain: the lean is the sentence's, shown on each of its tone words.
            if explain && lean > 0 {
                let pole = leaning < 0 ? "anti-Russian" : "conciliatory"
                func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
                let reason =
                    "Russia takes part in the sentence: \(settings.sentimentFrameWeight) of its tone "
                    + "(\(rounded(leaning))) adds \(rounded(lean)) to the \(pole) pole"
                for i in result.cues.indices where result.cues[i].hit.layer == .sentiment {
                    result.cues[i].trace.append(
                        Report.TraceStep(rule: "tone_lean", factor: settings.sentimentFrameWeight, reason: reason))
                }
            }
        }
        return result
    }

    /// Whether the cue's last word is its wildcard stem followed by a negative infix
    /// (`[inflection.xx] negative_infixes`): `razılaş*` + `madı`. The word's fold key comes from
    /// the matcher's key cache (it was folded when the sentence was matched), not from ICU again.
    private func hasNegativeInfix(
        entry: Int, token: Int, infixes: [[UInt8]], nonNegativeEndings: [[UInt8]]?, keys: KeyCache
    ) -> Bool {
        guard let stem = lexicon.wildcardStems[entry] else { return false }
        let id = text.bytes.withUnsafeBufferPointer {
            keys.id(UnsafeBufferPointer(rebasing: $0[text.tokens[token].byteRange]))
        }
        let key = keys.foldBytes(keys.foldID(id))
        guard key.count > stem.count, key.starts(with: stem) else { return false }
        let rest = key.dropFirst(stem.count)
        guard infixes.contains(where: { rest.starts(with: $0) }) else { return false }
        // `razılaşmaya` (infinitive, dative) begins like `razılaşmayıb` (did not agree).
        return !(nonNegativeEndings?.contains { rest.elementsEqual($0) } ?? false)
    }

    /// Whether a punctuation token holds a question mark (bytes when it is ASCII; otherwise as
    /// text, by characters, as before).
    /// Whether token `t` ends in the Azerbaijani locative (`-da/-də/-ta/-tə`, and `-dakı/-dəki`
    /// "the one in"): "Moskvada", "Moskvadakı".
    private func isLocative(_ t: Int) -> Bool {
        let token = text.tokens[t]
        let word = text.bytes[Int(token.byteStart)..<Int(token.byteEnd)]
        return CaseEndings.word(word, endsIn: CaseEndings.locative, stem: 2)
    }

    private func containsQuestionMark(_ token: Token) -> Bool {
        let ascii = text.bytes[token.byteRange].allSatisfy { $0 < 0x80 }
        guard ascii else { return text.text(of: token).contains("?") }
        return text.bytes[token.byteRange].contains(0x3F)
    }

    /// Empties `buffer` and fills it with `count` copies of `value`, keeping its capacity.
    private static func reset<T>(_ buffer: inout [T], to value: T, count: Int) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(value, count: count))
    }
}

/// Punctuation that ends a clause (negation and intensity do not reach across it), as scalars.
enum ClauseMarks {
    /// Dashes that join the two parts of a sentence ("Statement — question?").
    static let dashes: Set<UInt32> = [0x2D, 0x2013, 0x2014]

    static let boundaries: Set<UInt32> = Set(
        [",", ";", ":", "(", ")", "—", "–", "…", "!", "?", "«", "»", "“", "”", "\""].map {
            $0.unicodeScalars.first!.value
        })
}
