import FramewatchText

/// Aggregates scored sentences into the document report.
struct ReportBuilder {
    let lexicon: CompiledLexicon
    let text: SegmentedText
    let explain: Bool
    /// The analyzer's cache of modifier lists (one per worker).
    let modifierNames: ModifierNames

    var settings: ScoringSettings { lexicon.settings }

    /// A sentence's pole strength in [0, 1): saturating, so that one document-level score is a
    /// weighted mean of bounded sentence scores and does not grow with length.
    func saturate(_ x: Double) -> Double { x <= 0 ? 0 : x / (x + settings.sentenceSaturation) }

    /// Weight of a sentence in the document: headline, lead, or body.
    func sentenceWeight(_ sentence: Sentence) -> Double {
        if sentence.isHeadline { return settings.headlineWeight }
        return sentence.paragraph == text.leadParagraph ? settings.leadWeight : 1
    }

    func sentenceLabel(_ s: ScoredSentence) -> FrameLabel {
        let strong = max(s.anti, s.conciliatory)
        let weak = min(s.anti, s.conciliatory)
        guard strong >= settings.sentenceThreshold else { return .neutral }
        if strong >= settings.sentenceDominance * weak {
            return s.anti >= s.conciliatory ? .antiRussian : .conciliatory
        }
        return .mixed
    }

    func sentenceSentiment(_ s: ScoredSentence) -> Double {
        s.sentimentSum / (s.sentimentSum * s.sentimentSum + settings.sentimentAlpha).squareRoot()
    }

    func build(
        scored: [ScoredSentence], mentions: [[ResolvedMention]], unlisted: [UnlistedPerson] = [], meta: DocumentMeta
    ) -> Report {
        // Frame: weighted mean of saturated sentence poles.
        var totalWeight = 0.0
        var anti = 0.0
        var conciliatory = 0.0
        // Sub-frame sums by ``CompiledLexicon/subframeNames`` index; `framed` marks those present.
        var subframeSums = [Double](repeating: 0, count: lexicon.subframeNames.count)
        var framed = [Bool](repeating: false, count: lexicon.subframeNames.count)
        var sentimentWeight = 0.0
        var sentiment = 0.0
        var positive = 0.0
        var negative = 0.0
        let newsFramed = scored.contains { s in
            !s.background && !s.boilerplate && max(s.anti, s.conciliatory) >= settings.sentenceThreshold
        }
        for s in scored where !s.boilerplate {
            let w = sentenceWeight(text.sentences[s.index])
            // Background sentences (no pole reaches `sentence_threshold`) weigh less in the
            // frame's mean, so that a long article's framed paragraphs are not diluted by its
            // numbers and history; still a weighted mean, so length alone changes nothing.
            // A recap ("Напомним, …", "Recall that …") is the article's background, not its news:
            // it weighs less beside news that is framed itself. Beside news with no frame of its
            // own (a call "discussed the crash"), the recap is what frames the article.
            let w0 = s.background && newsFramed ? w * settings.backgroundWeight : w
            let frameW =
                max(s.anti, s.conciliatory) < settings.sentenceThreshold ? w0 * settings.neutralSentenceWeight : w0
            totalWeight += frameW
            let a = saturate(s.anti)
            let c = saturate(s.conciliatory)
            anti += frameW * a
            conciliatory += frameW * c
            for (id, value) in s.subframes where value > 0 {
                let isAnti = lexicon.subframeIsAnti[Int(id)]
                let poleTotal = isAnti ? s.anti : s.conciliatory
                let poleScore = isAnti ? a : c
                if poleTotal > 0 {
                    subframeSums[Int(id)] += frameW * poleScore * min(1, value / poleTotal)
                    framed[Int(id)] = true
                }
            }
            if s.hasSentiment {
                sentimentWeight += w
                sentiment += w * sentenceSentiment(s)
                let magnitude = s.positiveSum + s.negativeSum
                if magnitude > 0 {
                    positive += w * s.positiveSum / magnitude
                    negative += w * s.negativeSum / magnitude
                }
            }
        }
        if totalWeight > 0 {
            anti /= totalWeight
            conciliatory /= totalWeight
            for id in subframeSums.indices where framed[id] { subframeSums[id] /= totalWeight }
        }
        if sentimentWeight > 0 {
            sentiment /= sentimentWeight
            positive /= sentimentWeight
            negative /= sentimentWeight
        }
        var subframes: [String: Double] = [:]
        for id in subframeSums.indices where framed[id] { subframes[lexicon.subframeNames[id]] = subframeSums[id] }
        let labels = scored.map(sentenceLabel)
        let label = documentLabel(
            anti: anti, conciliatory: conciliatory,
            bothPolesFramed: labels.contains(.mixed)
                || (labels.contains(.antiRussian) && labels.contains(.conciliatory)))

        let targets = buildTargets(scored: scored, mentions: mentions)
        let (entities, ambiguous) = buildEntities(scored: scored, mentions: mentions, unlisted: unlisted)
        var sentences = scored.map { buildSentence($0) }
        // A one-sentence text is its sentence: the sentence shows the text's verdict, so that the
        // two never disagree (the document's threshold is the one a text is judged by; the
        // sentence threshold picks out the framed sentences of a longer text).
        if sentences.count == 1 { sentences[0].frame = label }
        return Report(
            id: meta.id, outlet: meta.outlet, published: meta.published, url: meta.url,
            lang: text.dominantLanguage, lexicon: lexicon.pack.identity, engine: "framewatch \(Framewatch.version)",
            frame: Report.Frame(
                label: label, scores: [Pole.antiRussian.rawValue: anti, Pole.conciliatory.rawValue: conciliatory],
                subframes: subframes),
            sentiment: Report.Sentiment(score: sentiment, positive: positive, negative: negative),
            targets: targets,
            toneRussia: toneRussiaLabel(
                label, targets.first { $0.entity == "russia" }?.tone ?? 0, shares: modifierShares(scored, label),
                neutralToneShare: neutralToneShare(subframes)),
            entities: entities, ambiguous: ambiguous, sentences: sentences,
            stats: Report.Stats(
                characters: text.scalarCount, bytes: text.bytes.count, tokens: text.tokens.count,
                sentences: text.sentences.count, validUTF8: text.isValidUTF8))
    }

    /// `mixed` needs both poles strong in the document *and* framed by sentences of their own
    /// (one sentence mentioning both is not a mixed article unless that sentence itself is mixed),
    /// and more than one paragraph: `mixed` is for documents (codebook); a sentence or a passage
    /// of one paragraph takes the stronger pole (one-sentence texts: dev macro-F1 0.80 → 0.89;
    /// one-paragraph passages: round 13's two-voice paragraphs came out `mixed`).
    func documentLabel(anti: Double, conciliatory: Double, bothPolesFramed: Bool) -> FrameLabel {
        let strong = max(anti, conciliatory)
        let weak = min(anti, conciliatory)
        guard strong >= settings.documentThreshold else { return .neutral }
        if bothPolesFramed && weak >= max(settings.documentThreshold, settings.mixedMinimum)
            && weak >= settings.mixedRatio * strong && hasSeveralParagraphs
        {
            return .mixed
        }
        return anti >= conciliatory ? .antiRussian : .conciliatory
    }

    /// More than one paragraph: a blank line, or a line break between two sentences (scraped
    /// articles often separate paragraphs by a single line break).
    var hasSeveralParagraphs: Bool {
        if text.paragraphCount > 1 { return true }
        let sentences = text.sentences
        guard sentences.count > 1 else { return false }
        for i in 1..<sentences.count {
            let gap = Int(sentences[i - 1].byteEnd)..<Int(sentences[i].byteStart)
            if text.bytes[gap].contains(where: { $0 == 0x0A || $0 == 0x0D }) { return true }
        }
        return false
    }

    /// The document's `tone_russia` label from its frame label and Russia's target tone (0 when
    /// Russia is not named). Gated by the frame (``ScoringSettings/frameGatesTone``): the codebook
    /// lets an anti-Russian text be neutral toward Russia (a quoted denial, a snub) and a
    /// conciliatory one be neutral (Baku's own concession), never the other sign.
    /// With the gate, a mostly denied anti-Russian frame and a mostly hedged conciliatory one are
    /// 0 (``ScoringSettings/deniedToneShare``, ``ScoringSettings/hedgedToneShare``).
    /// And an anti-Russian frame carried mostly by measures Baku takes (``ScoringSettings/neutralToneShare``)
    /// is 0.
    func toneRussiaLabel(
        _ label: FrameLabel, _ tone: Double, shares: (denied: Double, hedged: Double) = (0, 0),
        neutralToneShare: Double = 0
    ) -> Int {
        let threshold = settings.toneThreshold
        let plain = tone > threshold ? 1 : (tone < -threshold ? -1 : 0)
        guard settings.frameGatesTone == 1 else { return plain }
        switch label {
        case .antiRussian:
            return tone > threshold || shares.denied > settings.deniedToneShare
                || (!lexicon.manifest.neutralToneSubframes.isEmpty && neutralToneShare >= settings.neutralToneShare)
                ? 0 : -1
        case .conciliatory: return tone > 0 && shares.hedged <= settings.hedgedToneShare ? 1 : 0
        case .neutral: return 0
        case .mixed: return 0
        }
    }

    /// The share of the anti-Russian sub-frame scores that the manifest's `[neutral_tone] subframes`
    /// carry (0 when the document has no anti-Russian sub-frame score).
    func neutralToneShare(_ subframes: [String: Double]) -> Double {
        let neutral = lexicon.manifest.neutralToneSubframes
        guard !neutral.isEmpty else { return 0 }
        var total = 0.0
        var part = 0.0
        for (name, value) in subframes where name.hasPrefix("anti_russian.") {
            total += value
            if neutral.contains(name) { part += value }
        }
        return total > 0 ? part / total : 0
    }

    /// The shares of the label's pole weight (the cues' reported weights, all sentences) carried by
    /// denied and by hedged cues; (0, 0) for `neutral` and `mixed`.
    func modifierShares(_ scored: [ScoredSentence], _ label: FrameLabel) -> (denied: Double, hedged: Double) {
        let pole: Pole
        switch label {
        case .antiRussian: pole = .antiRussian
        case .conciliatory: pole = .conciliatory
        case .neutral, .mixed: return (0, 0)
        }
        var total = 0.0
        var denied = 0.0
        var hedged = 0.0
        for s in scored {
            for cue in s.cues {
                guard case .frame(let p, _) = cue.category, p == pole else { continue }
                let weight = abs(cue.reportedWeight)
                total += weight
                if cue.modifiers.contains(.denied) { denied += weight }
                if cue.modifiers.contains(.hedged) { hedged += weight }
            }
        }
        guard total > 0 else { return (0, 0) }
        return (denied / total, hedged / total)
    }

    /// The polarity a sentence's frame cues give the Russia axis: −1 (anti) … +1 (conciliatory).
    func framePolarity(_ s: ScoredSentence) -> Double {
        let total = s.anti + s.conciliatory
        guard total > 0 else { return 0 }
        return (s.conciliatory - s.anti) / (total + 1)
    }

    func buildTargets(scored: [ScoredSentence], mentions: [[ResolvedMention]]) -> [Report.Target] {
        var result: [Report.Target] = []
        for (role, name) in [(EntityRole.russiaTarget, "russia"), (.azerbaijanTarget, "azerbaijan")] {
            var count = 0
            var toneSum = 0.0
            var sentences = 0
            for i in scored.indices where !scored[i].boilerplate {
                var n = 0
                for m in mentions[scored[i].index] {
                    guard let e = m.entity else { continue }
                    let info = lexicon.entityInfo[e]
                    if role == .russiaTarget ? info.russiaTarget : info.azerbaijanTarget { n += 1 }
                }
                guard n > 0 else { continue }
                count += n
                sentences += 1
                var tone = sentenceSentiment(scored[i])
                if role == .russiaTarget {
                    // Moscow's complaint about Baku, or what befell Russians, is not negative tone
                    // toward Russia (codebook rule 8).
                    if tone < 0 { tone *= scored[i].russiaSideToneFactor }
                    tone += settings.frameToneWeight * framePolarity(scored[i])
                } else if tone < 0, let speaker = scored[i].speaker, lexicon.entityInfo[speaker].azerbaijanTarget,
                    !lexicon.entityInfo[speaker].russiaTarget
                {
                    // The mirror for Azerbaijan: Baku's own condemnation ("Azərbaycan Rusiyanın
                    // təcavüzkar siyasətini kəskin pislədi") is not negative tone toward Azerbaijan.
                    tone *= settings.russianSpeakerFactor
                }
                toneSum += max(-1, min(1, tone))
            }
            if count > 0 {
                result.append(Report.Target(entity: name, tone: toneSum / Double(sentences), mentions: count))
            }
        }
        return result
    }

    /// `possessive`: the name matched once an ending was removed; an English possessive `'s`
    /// (`’s`) at its end is then left out of the span (`Moscow's` → `Moscow`, the codebook's
    /// surface rule). A name that ends in `'s` itself (`McDonald's`) matches as it stands.
    /// `language`: in Azerbaijani, a case ending joined to the name by a hyphen is part of the
    /// span (`Trend-ə`, `AZAL-a`, `FSB-yə`), as the codebook's surface rule says.
    func span(_ first: Int32, _ end: Int32, possessive: Bool = false, language: Language? = nil) -> (
        start: Int, end: Int, startByte: Int, endByte: Int, text: String
    ) {
        let a = text.tokens[Int(first)]
        var b = text.tokens[Int(end) - 1]
        if language == .az, let joined = hyphenEnding(after: Int(end)) { b = joined }
        var endScalar = Int(b.end)
        var endByte = Int(b.byteEnd)
        if possessive, b.kind == .word, let cut = Self.possessiveLength(text.bytes[Int(b.byteStart)..<endByte]) {
            endByte -= cut
            endScalar -= 2
        }
        return (Int(a.start), endScalar, Int(a.byteStart), endByte, text.text(bytes: Int(a.byteStart)..<endByte))
    }

    /// The word of an Azerbaijani case ending written after a hyphen right after token `end - 1`
    /// (`-ə`, `-yə`, `-nın`, `-dan`: one to three of the pack's `[inflection.az] suffixes`), or nil.
    func hyphenEnding(after end: Int) -> Token? {
        guard end + 1 < text.tokens.count else { return nil }
        let dash = text.tokens[end]
        let word = text.tokens[end + 1]
        guard dash.kind == .punctuation, dash.byteStart == text.tokens[end - 1].byteEnd,
            dash.byteEnd - dash.byteStart == 1, text.bytes[Int(dash.byteStart)] == 0x2D,
            word.kind == .word, word.byteStart == dash.byteEnd,
            let suffixes = lexicon.manifest.suffixes[.az], !suffixes.isEmpty
        else { return nil }
        let ending = MatchKeys.fold(text.text(bytes: Int(word.byteStart)..<Int(word.byteEnd)))
        func chain(_ rest: Substring, _ depth: Int) -> Bool {
            if rest.isEmpty { return true }
            guard depth > 0 else { return false }
            return suffixes.contains {
                !$0.hasPrefix("'") && rest.hasPrefix($0) && chain(rest.dropFirst($0.count), depth - 1)
            }
        }
        return chain(ending[...], 3) ? word : nil
    }

    /// The byte length of a final `'s`, `’s` (or `'S`, `’S`) after at least two letters, or nil.
    static func possessiveLength(_ word: ArraySlice<UInt8>) -> Int? {
        guard let last = word.last, last == 0x73 || last == 0x53 else { return nil }
        let beforeS = word.dropLast()
        if beforeS.last == 0x27, beforeS.count >= 3 { return 2 }
        if beforeS.count >= 5, beforeS.suffix(3).elementsEqual([0xE2, 0x80, 0x99]) { return 4 }
        return nil
    }

    /// Sub-frames that count as accusations against a named figure.
    static let accusationSubframes: Set<String> = ["anti_russian.espionage", "anti_russian.interference"]

    func buildEntities(scored: [ScoredSentence], mentions: [[ResolvedMention]], unlisted: [UnlistedPerson] = []) -> (
        [Report.EntityReport], [Report.AmbiguousMention]
    ) {
        // Entity reports in order of first mention; `slot` finds an entity's report.
        var reports: [Report.EntityReport] = []
        var slot: [Int: Int] = [:]
        var toneSums: [(sum: Double, count: Int)] = []
        var ambiguous: [Report.AmbiguousMention] = []
        var accusedInSentence: [Int: [Int]] = [:]  // sentence → entities accused in it
        var seenHere: [Int] = []  // report slots already counted in this sentence (a handful)
        // Unlisted people's mentions per sentence, keyed like `slot`: a gazetteer index when the
        // romanised name is a gazetteer id, else −(person + 1).
        var unlistedHere = [[(first: Int32, end: Int32, key: Int)]](
            repeating: [], count: unlisted.isEmpty ? 0 : text.sentences.count)
        for (p, person) in unlisted.enumerated() {
            for m in person.mentions {
                unlistedHere[m.sentence].append((m.firstToken, m.endToken, person.entity ?? -(p + 1)))
            }
        }
        for i in unlistedHere.indices { unlistedHere[i].sort { $0.first < $1.first } }
        for s in scored {
            seenHere.removeAll(keepingCapacity: true)
            let sentenceLanguage = text.sentences[s.index].language
            // Adds a mention to the report of `key` (a gazetteer index, or −(person + 1) for an
            // unlisted person), made on its first mention; returns the report's slot and whether
            // this is the entity's first mention in the sentence (its tone counts once per sentence).
            func mention(of key: Int, _ first: Int32, _ end: Int32, form: String, possessive: Bool = false) -> (
                slot: Int, firstHere: Bool
            ) {
                let r: Int
                if let known = slot[key] {
                    r = known
                } else {
                    r = reports.count
                    slot[key] = r
                    if key >= 0 {
                        let record = lexicon.entities[key]
                        reports.append(
                            Report.EntityReport(
                                id: record.id, name: record.name, type: record.type, flagged: record.watch != nil,
                                flagReason: record.watch, tone: 0, accusations: [], denials: [], mentions: []))
                    } else {
                        let person = unlisted[-key - 1]
                        reports.append(
                            Report.EntityReport(
                                id: person.id, name: person.name, type: .person, flagged: false, flagReason: nil,
                                tone: 0, accusations: [], denials: [], mentions: [], listed: false))
                    }
                    toneSums.append((0, 0))
                }
                let sp = span(first, end, possessive: possessive, language: sentenceLanguage)
                reports[r].mentions.append(
                    Report.Mention(
                        start: sp.start, end: sp.end, startByte: sp.startByte, endByte: sp.endByte, text: sp.text,
                        form: form))
                guard !seenHere.contains(r) else { return (r, false) }
                seenHere.append(r)
                if s.hasSentiment {
                    toneSums[r].sum += sentenceSentiment(s)
                    toneSums[r].count += 1
                }
                return (r, true)
            }
            let here = unlisted.isEmpty ? [] : unlistedHere[s.index]
            var next = 0
            // Lists the unlisted mentions that start before `token` (in text order with the rest).
            func unlistedMentions(before token: Int32) {
                while next < here.count && here[next].first < token {
                    _ = mention(of: here[next].key, here[next].first, here[next].end, form: "name", possessive: true)
                    next += 1
                }
            }
            defer { unlistedMentions(before: .max) }
            for m in mentions[s.index] {
                unlistedMentions(before: m.firstToken)
                // City and region adjectives (`московский`) count for targets, not as mentions.
                if m.form == .adjective, let e = m.entity, !lexicon.entityInfo[e].reportAdjectives { continue }
                // Treaties and documents (`reported = false`) are matched, never listed.
                if let e = m.entity, !lexicon.entityInfo[e].reported { continue }
                if m.entity == nil || m.byPreference {
                    let sp = span(m.firstToken, m.endToken)
                    ambiguous.append(
                        Report.AmbiguousMention(
                            start: sp.start, end: sp.end, text: sp.text,
                            candidates: m.candidates.map { lexicon.entities[$0].id }.sorted(),
                            resolved: m.entity.map { lexicon.entities[$0].id }))
                }
                guard let e = m.entity else { continue }
                let (r, firstHere) = mention(
                    of: e, m.firstToken, m.endToken, form: m.form == .adjective ? "adjective" : "name",
                    possessive: m.inflected && m.form != .adjective)
                guard firstHere else { continue }
                // Accusations: accusation cues in the same sentence as a person or organisation.
                // Only watch-listed figures collect accusations; a cue the sentence negates or
                // hedges ("one could also consider…") is not an accusation.
                guard lexicon.entityInfo[e].watched, m.form != .adjective else { continue }
                let answering = s.speaker == e || (s.denial && s.speaker == nil)
                // Spans differ between sentences: only this sentence's items can repeat (two
                // entries on one span), so only they are searched (the lists grow with the text).
                let accusationsBefore = reports[r].accusations.count
                let denialsBefore = reports[r].denials.count
                for cue in s.cues
                where answering || cue.modifiers.isDisjoint(with: [.negated, .hedged]) {
                    guard case .frame(let pole, _) = cue.category, pole == .antiRussian else { continue }
                    let key = lexicon.categoryNames[cue.entry]
                    guard Self.accusationSubframes.contains(key) else { continue }
                    let cs = span(cue.hit.firstToken, cue.hit.endToken)
                    let item = Report.Span(subframe: key, start: cs.start, end: cs.end, text: cs.text)
                    if answering {
                        // The figure answering the accusation: a denial, not the author's accusation.
                        if !reports[r].denials[denialsBefore...].contains(item) { reports[r].denials.append(item) }
                    } else if !reports[r].accusations[accusationsBefore...].contains(item) {
                        reports[r].accusations.append(item)
                        accusedInSentence[s.index, default: []].append(e)
                    }
                }
            }
        }
        // A denial sentence that names no one ("those accused have dismissed these claims")
        // answers the accusations of the sentence before it, in the same paragraph.
        for s in scored where s.denial && s.index > 0 {
            let named = mentions[s.index].contains { m in
                m.entity.map { lexicon.entityInfo[$0].type == .person } ?? false
            }
            // (The accused of the previous sentence are watch-listed figures, see above.)
            guard !named, text.sentences[s.index].paragraph == text.sentences[s.index - 1].paragraph,
                let accused = accusedInSentence[s.index - 1]
            else { continue }
            let sentence = text.sentences[s.index]
            let item = Report.Span(
                subframe: nil, start: Int(sentence.start), end: Int(sentence.end), text: text.text(of: sentence))
            // (Each denial sentence is visited once, and `Set` visits each accused once.)
            for e in Set(accused) { reports[slot[e]!].denials.append(item) }
        }
        for r in reports.indices where toneSums[r].count > 0 {
            reports[r].tone = toneSums[r].sum / Double(toneSums[r].count)
        }
        return (reports, ambiguous)
    }

    func buildSentence(_ s: ScoredSentence) -> Report.SentenceReport {
        let sentence = text.sentences[s.index]
        let evidence = s.cues.map { cue -> Report.Evidence in
            let sp = span(cue.hit.firstToken, cue.hit.endToken)
            return Report.Evidence(
                start: sp.start, end: sp.end, startByte: sp.startByte, endByte: sp.endByte, text: sp.text,
                category: lexicon.categoryNames[cue.entry], weight: cue.reportedWeight, baseWeight: cue.baseWeight,
                target: cue.target, modifiers: modifierNames.names(cue.modifiers),
                source: lexicon.sourceNames[cue.entry],
                trace: explain ? cue.trace : nil)
        }
        return Report.SentenceReport(
            start: Int(sentence.start), end: Int(sentence.end), lang: sentence.language, frame: sentenceLabel(s),
            scores: [Pole.antiRussian.rawValue: s.anti, Pole.conciliatory.rawValue: s.conciliatory],
            sentiment: sentenceSentiment(s), voice: s.voice,
            speaker: s.speaker.map { lexicon.entities[$0].id }, evidence: evidence,
            boilerplate: s.boilerplate ? true : nil, background: s.background ? true : nil)
    }
}
