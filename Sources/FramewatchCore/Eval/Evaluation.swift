import Foundation

/// Scores a gold file and measures the result: per-language precision, recall and F1 per frame
/// label, macro-F1, confusion matrices, document accuracy, tone toward Russia, and entity
/// precision/recall/F1 by span overlap and by canonical id, with every miss listed.
public struct Evaluation: Sendable, Codable {
    /// Precision, recall, F1 and support of one label.
    public struct LabelScore: Sendable, Codable, Hashable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public struct PRF: Sendable, Codable, Hashable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var truePositives: Int
        public var predicted: Int
        public var gold: Int

        init(tp: Int, predicted: Int, gold: Int) {
            truePositives = tp
            self.predicted = predicted
            self.gold = gold
            precision = predicted == 0 ? (gold == 0 ? 1 : 0) : Double(tp) / Double(predicted)
            recall = gold == 0 ? 1 : Double(tp) / Double(gold)
            f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }

        enum CodingKeys: String, CodingKey {
            case precision, recall, f1, predicted, gold
            case truePositives = "true_positives"
        }
    }

    /// The measures for one language (or `all`).
    public struct Group: Sendable, Codable {
        public var items: Int
        public var frame: [String: LabelScore]
        public var frameMacroF1: Double
        public var frameAccuracy: Double
        /// confusion[gold][predicted] = count.
        public var confusion: [String: [String: Int]]
        public var toneAccuracy: Double?
        public var toneMacroF1: Double?
        public var entitySpans: PRF
        public var entityIDs: PRF

        enum CodingKeys: String, CodingKey {
            case items, frame, confusion
            case frameMacroF1 = "frame_macro_f1"
            case frameAccuracy = "frame_accuracy"
            case toneAccuracy = "tone_accuracy"
            case toneMacroF1 = "tone_macro_f1"
            case entitySpans = "entity_spans"
            case entityIDs = "entity_ids"
        }
    }

    /// An item the system got wrong, with what it saw.
    public struct Miss: Sendable, Codable, Hashable {
        public var id: String
        public var lang: String
        public var kind: String?
        public var text: String
        public var goldFrame: String
        public var predictedFrame: String
        public var goldTone: Int?
        public var predictedTone: Int
        public var missingEntities: [String]
        public var extraEntities: [String]
        /// The frame cues that decided it: `text (category weight [modifiers])`.
        public var evidence: [String]

        enum CodingKeys: String, CodingKey {
            case id, lang, kind, text, evidence
            case goldFrame = "gold_frame"
            case predictedFrame = "predicted_frame"
            case goldTone = "gold_tone"
            case predictedTone = "predicted_tone"
            case missingEntities = "missing_entities"
            case extraEntities = "extra_entities"
        }
    }

    public var lexicon: LexiconPack.Identity
    public var engine: String
    /// Keyed by language code, plus `all`.
    public var groups: [String: Group]
    public var misses: [Miss]
    /// Per item: was the frame right (for `--compare`).
    public var outcomes: [String: Bool]
    /// Per item: its group (language), so that `--compare` can give each language's accuracy
    /// over the items two runs share. Absent in evaluations written before it existed.
    public var itemGroups: [String: String]?

    enum CodingKeys: String, CodingKey {
        case lexicon, engine, groups, misses, outcomes
        case itemGroups = "item_groups"
    }

    /// Scores every gold item with `analyzer` and measures the result.
    public static func run(_ items: [GoldItem], analyzer: Analyzer) throws -> Evaluation {
        var perItem: [(GoldItem, Report)] = []
        for item in items {
            perItem.append((item, try analyzer.analyze(item.text, language: item.lang)))
        }
        return measure(perItem, lexicon: analyzer.lexicon)
    }

    /// The tone label a report gives Russia: −1, 0 or 1 (its `tone_russia`; for a report without
    /// one, Russia's target tone by `threshold`).
    public static func toneLabel(_ report: Report, threshold: Double) -> Int {
        if let label = report.toneRussia { return label }
        guard let russia = report.targets.first(where: { $0.entity == "russia" }) else { return 0 }
        return russia.tone > threshold ? 1 : (russia.tone < -threshold ? -1 : 0)
    }

    static func measure(_ perItem: [(GoldItem, Report)], lexicon: CompiledLexicon) -> Evaluation {
        var byGroup: [String: [(GoldItem, Report)]] = ["all": perItem]
        for pair in perItem { byGroup[(pair.0.lang ?? pair.1.lang).rawValue, default: []].append(pair) }
        var groups: [String: Group] = [:]
        for (name, pairs) in byGroup { groups[name] = group(pairs, lexicon: lexicon) }
        var misses: [Miss] = []
        var outcomes: [String: Bool] = [:]
        var itemGroups: [String: String] = [:]
        let threshold = lexicon.settings.toneThreshold
        for (item, report) in perItem {
            let tone = toneLabel(report, threshold: threshold)
            let (missing, extra) = entityDifferences(item, report)
            let frameRight = item.frame == report.frame.label
            outcomes[item.id] = frameRight
            itemGroups[item.id] = (item.lang ?? report.lang).rawValue
            let toneRight = item.toneRussia.map { $0 == tone } ?? true
            guard !frameRight || !toneRight || !missing.isEmpty || !extra.isEmpty else { continue }
            let evidence = report.sentences.flatMap(\.evidence).filter { $0.category != "sentiment" }.map { e in
                "\(e.text) (\(e.category) \(String(format: "%.2f", e.weight))"
                    + (e.modifiers.isEmpty ? "" : " [\(e.modifiers.joined(separator: ","))]") + ")"
            }
            misses.append(
                Miss(
                    id: item.id, lang: (item.lang ?? report.lang).rawValue, kind: item.kind, text: item.text,
                    goldFrame: item.frame.rawValue, predictedFrame: report.frame.label.rawValue,
                    goldTone: item.toneRussia,
                    predictedTone: tone, missingEntities: missing, extraEntities: extra, evidence: evidence))
        }
        return Evaluation(
            lexicon: lexicon.pack.identity, engine: "framewatch \(Framewatch.version)", groups: groups, misses: misses,
            outcomes: outcomes, itemGroups: itemGroups)
    }

    static func group(_ pairs: [(GoldItem, Report)], lexicon: CompiledLexicon) -> Group {
        // Frame.
        var labels = Set(pairs.map { $0.0.frame.rawValue })
        var confusion: [String: [String: Int]] = [:]
        var correct = 0
        for (item, report) in pairs {
            confusion[item.frame.rawValue, default: [:]][report.frame.label.rawValue, default: 0] += 1
            if item.frame == report.frame.label { correct += 1 }
        }
        var frame: [String: LabelScore] = [:]
        for label in labels.sorted() {
            let tp = confusion[label]?[label] ?? 0
            let predicted = confusion.values.reduce(0) { $0 + ($1[label] ?? 0) }
            let gold = confusion[label]?.values.reduce(0, +) ?? 0
            let prf = PRF(tp: tp, predicted: predicted, gold: gold)
            frame[label] = LabelScore(precision: prf.precision, recall: prf.recall, f1: prf.f1, support: gold)
        }
        let macro = frame.isEmpty ? 0 : frame.values.reduce(0) { $0 + $1.f1 } / Double(frame.count)
        labels.removeAll()

        // Tone toward Russia.
        let toned = pairs.filter { $0.0.toneRussia != nil }
        var toneAccuracy: Double? = nil
        var toneMacro: Double? = nil
        if !toned.isEmpty {
            var toneConfusion: [Int: [Int: Int]] = [:]
            var right = 0
            for (item, report) in toned {
                let predicted = toneLabel(report, threshold: lexicon.settings.toneThreshold)
                toneConfusion[item.toneRussia!, default: [:]][predicted, default: 0] += 1
                if predicted == item.toneRussia! { right += 1 }
            }
            toneAccuracy = Double(right) / Double(toned.count)
            let present = Set(toned.map { $0.0.toneRussia! })
            toneMacro =
                present.map { l -> Double in
                    let tp = toneConfusion[l]?[l] ?? 0
                    let predicted = toneConfusion.values.reduce(0) { $0 + ($1[l] ?? 0) }
                    let gold = toneConfusion[l]?.values.reduce(0, +) ?? 0
                    return PRF(tp: tp, predicted: predicted, gold: gold).f1
                }.reduce(0, +) / Double(present.count)
        }

        // Entities: spans (a predicted mention overlapping a gold surface) and ids (per item).
        var spanTP = 0
        var spanPredicted = 0
        var spanGold = 0
        var idTP = 0
        var idPredicted = 0
        var idGold = 0
        // An item without an `entities` field has no entity coding: it is left out of the entity
        // figures (an empty list means "names no entity", and what is found there counts as extra).
        for (item, report) in pairs where item.entities != nil {
            let gold = goldSpans(item)
            let predicted = report.entities.flatMap { e in e.mentions.map { (e.id, $0.start, $0.end) } }
            spanGold += gold.count
            spanPredicted += predicted.count
            var used = Set<Int>()
            for p in predicted {
                if let g = gold.indices.first(where: {
                    !used.contains($0) && gold[$0].start < p.2 && p.1 < gold[$0].end
                }) {
                    used.insert(g)
                    spanTP += 1
                }
            }
            let goldIDs = Set((item.entities ?? []).map(\.canonical))
            let predictedIDs = Set(report.entities.map(\.id))
            idGold += goldIDs.count
            idPredicted += predictedIDs.count
            idTP += goldIDs.intersection(predictedIDs).count
        }
        return Group(
            items: pairs.count, frame: frame, frameMacroF1: macro,
            frameAccuracy: pairs.isEmpty ? 0 : Double(correct) / Double(pairs.count), confusion: confusion,
            toneAccuracy: toneAccuracy, toneMacroF1: toneMacro,
            entitySpans: PRF(tp: spanTP, predicted: spanPredicted, gold: spanGold),
            entityIDs: PRF(tp: idTP, predicted: idPredicted, gold: idGold))
    }

    /// Gold entity spans in Unicode scalars: each surface found in the text, left to right.
    static func goldSpans(_ item: GoldItem) -> [(id: String, start: Int, end: Int)] {
        let scalars = Array(item.text.unicodeScalars)
        var spans: [(id: String, start: Int, end: Int)] = []
        var taken = Set<Int>()
        for entity in item.entities ?? [] {
            let needle = Array(entity.surface.unicodeScalars)
            guard !needle.isEmpty, needle.count <= scalars.count else { continue }
            var i = 0
            while i + needle.count <= scalars.count {
                if !taken.contains(i) && Array(scalars[i..<(i + needle.count)]) == needle {
                    taken.insert(i)
                    spans.append((entity.canonical, i, i + needle.count))
                    break
                }
                i += 1
            }
        }
        return spans
    }

    static func entityDifferences(_ item: GoldItem, _ report: Report) -> (missing: [String], extra: [String]) {
        guard item.entities != nil else { return ([], []) }  // not coded for entities
        let gold = Set((item.entities ?? []).map(\.canonical))
        let predicted = Set(report.entities.map(\.id))
        return (gold.subtracting(predicted).sorted(), predicted.subtracting(gold).sorted())
    }

    /// Reads a gold JSON Lines file; every unreadable line is reported with its number.
    public static func readGold(_ data: [UInt8]) throws -> [GoldItem] {
        var items: [GoldItem] = []
        var problems: [String] = []
        var lines: [String: Int] = [:]  // id → its line
        let decoder = JSONDecoder()
        for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if trimmed.isEmpty { continue }
            do {
                let item = try decoder.decode(GoldItem.self, from: Data(line))
                // Values a scorer would silently count wrong: a tone of 5, an id seen twice.
                if let tone = item.toneRussia, !(-1...1).contains(tone) {
                    problems.append("line \(n + 1): tone_russia is \(tone); it must be -1, 0 or 1")
                } else if let problem = Self.entityProblem(item) {
                    problems.append("line \(n + 1): \(problem)")
                } else if let first = lines[item.id] {
                    problems.append("line \(n + 1): id \(item.id) is also on line \(first)")
                } else {
                    lines[item.id] = n + 1
                    items.append(item)
                }
            } catch {
                problems.append("line \(n + 1): \(Self.describe(error, line: Data(line)))")
            }
        }
        if !problems.isEmpty { throw GoldFileError(problems: problems) }
        return items
    }

    /// What is wrong with an item's entities, if anything: a surface that is not in the text
    /// (it could never be matched, and was silently left out of the counts), an empty canonical
    /// id, a type the codebook does not have.
    static func entityProblem(_ item: GoldItem) -> String? {
        let text = Array(item.text.unicodeScalars)
        for entity in item.entities ?? [] {
            let needle = Array(entity.surface.unicodeScalars)
            if needle.isEmpty { return "an entity has an empty surface" }
            let found =
                needle.count <= text.count
                && (0...(text.count - needle.count)).contains { i in text[i..<(i + needle.count)].elementsEqual(needle)
                }
            if !found {
                return "entity surface \"\(entity.surface)\" does not occur in the text (copy it exactly as written)"
            }
            if entity.canonical.isEmpty { return "entity \"\(entity.surface)\" has an empty canonical id" }
            if let type = entity.type, EntityType(rawValue: type) == nil {
                return "entity \"\(entity.surface)\" has type \(type); it must be one of "
                    + EntityType.allCases.map(\.rawValue).joined(separator: ", ")
            }
        }
        return nil
    }

    /// Why a gold line did not decode, in terms of the file format: the field and the values it
    /// may take, read from the line itself where the decoder's error does not say.
    static func describe(_ error: Error, line: Data) -> String {
        guard let json = try? JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed]) else {
            return "not valid JSON"
        }
        guard let object = json as? [String: Any] else {
            return "expected a JSON object {\"id\", \"text\", \"frame\", …}"
        }
        if let entities = object["entities"], !(entities is NSNull) {
            guard let list = entities as? [Any] else {
                return "entities must be a list of {\"surface\", \"canonical\", \"type\"} objects"
            }
            for (n, entity) in list.enumerated() {
                guard let e = entity as? [String: Any] else {
                    return "entities[\(n)] must be an object {\"surface\", \"canonical\", \"type\"}"
                }
                for key in ["surface", "canonical"] where !(e[key] is String) {
                    return "entities[\(n)].\(key) must be a string"
                }
                if let type = e["type"], !(type is String) && !(type is NSNull) {
                    return "entities[\(n)].type must be a string"
                }
            }
        }
        if let id = object["id"], !(id is String) { return "id must be a string (put it in quotes)" }
        if let text = object["text"], !(text is String) { return "text must be a string" }
        if let frame = object["frame"] {
            let allowed = FrameLabel.allCases.map(\.rawValue)
            guard let f = frame as? String, allowed.contains(f) else {
                return "frame is \(frame); it must be one of \(allowed.joined(separator: ", "))"
            }
        }
        if let tone = object["tone_russia"], !(tone is NSNull) {
            // `true`/`false` arrive as a boolean NSNumber (objCType "c"); `tone is Bool` holds for
            // every NSNumber on Linux, 0 and 1 included.
            guard let t = tone as? NSNumber, [-1.0, 0.0, 1.0].contains(t.doubleValue),
                String(cString: t.objCType) != "c"
            else {
                return "tone_russia is \(tone); it must be -1, 0 or 1"
            }
        }
        if let lang = object["lang"], !(lang is NSNull) {
            let allowed = Language.allCases.map(\.rawValue)
            guard let l = lang as? String, allowed.contains(l) else {
                return "lang is \(lang); it must be one of \(allowed.joined(separator: ", "))"
            }
        }
        return describe(error)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        case DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not valid JSON" : "invalid value at `\(field)`"
        default: return "\(error)"
        }
    }
}

/// A gold file with unreadable lines.
public struct GoldFileError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "the gold file has \(problems.count) unreadable line(s):\n"
            + problems.prefix(20).map { "  \($0)" }.joined(separator: "\n")
    }
}
