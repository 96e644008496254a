import ArgumentParser
import Foundation
import FramewatchCore

/// `framewatch eval`: measures the pack against hand-coded gold items.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a gold file and report precision, recall and F1 (frame, tone toward Russia, entities).",
        discussion: """
            The gold file is JSON Lines: {"id","lang","text","frame","tone_russia","entities":[{"surface",\
            "canonical","type"}]} (see Corpora/README.md). Several --gold files are pooled.
            Example: framewatch eval --gold Corpora/test/sentences.jsonl --gold Corpora/test/documents.jsonl
            """
    )

    @Option(help: "Gold JSON Lines file (repeatable).")
    var gold: [String]

    @OptionGroup var packOptions: PackOptions

    @Flag(help: "Print the evaluation as JSON (keep it to --compare later; with --compare, it has a \"comparison\").")
    var json = false

    @Option(help: "A previous `eval --json` output: show what moved.")
    var compare: String?

    /// Gold files and previous evaluations are read whole, so their size is capped: a path such
    /// as /dev/zero or a mistaken multi-gigabyte file would otherwise grow memory until the
    /// process is killed. 512 MiB is over a hundred times the largest gold set we keep.
    @Option(help: "The largest --gold or --compare file read, in bytes (default 512 MiB).")
    var maxFileBytes = EvalCommand.defaultMaximumFileBytes

    /// The default of `--max-file-bytes`.
    static let defaultMaximumFileBytes = 512 << 20

    @Option(help: "How many wrong items to list (default 25; 0 for none).")
    var misses = 25

    func validate() throws {
        if gold.isEmpty { throw ValidationError("Give at least one --gold FILE.") }
        if maxFileBytes < 1 { throw ValidationError("--max-file-bytes must be at least 1.") }
    }

    func run() throws {
        var items: [GoldItem] = []
        var seen = Set<String>()
        for path in gold {
            let read: [GoldItem]
            do {
                read = try Evaluation.readGold(readCapped(path, option: "--gold"))
            } catch let error as GoldFileError {
                throw CLIError.cannotRead(path: path, reason: error.description)
            }
            guard !read.isEmpty else {
                throw CLIError.cannotRead(path: path, reason: "it holds no gold items (JSON Lines, one item per line)")
            }
            // The same item in two files (or one file given twice) would count twice.
            if let repeated = read.first(where: { seen.contains($0.id) }) {
                throw CLIError.cannotRead(
                    path: path, reason: "id \(repeated.id) is also in an earlier --gold file; each item counts once")
            }
            seen.formUnion(read.map(\.id))
            items += read
        }
        // The previous run is read before this one: a wrong --compare path must not cost a
        // whole evaluation first.
        let previous = try compare.map(readPrevious)
        let lexicon = try packOptions.load()
        let evaluation = try Evaluation.run(items, analyzer: Analyzer(lexicon))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let output = EvalJSON(evaluation: evaluation, previous: previous)
            try FileIO.writeStandardOutput(Array(try encoder.encode(output)) + [0x0A])
            return
        }
        print(EvalReport.render(evaluation, previous: previous, misses: misses), terminator: "")
    }

    /// A whole `--gold` or `--compare` file, or an error (exit 2) when it is over
    /// `--max-file-bytes`. Pipes and devices are read through the same cap.
    func readCapped(_ path: String, option: String) throws -> [UInt8] {
        guard let bytes = try FileIO.readAll(path: path, limit: maxFileBytes) else {
            throw CLIError.cannotRead(
                path: path,
                reason:
                    "it is over the limit of \(maxFileBytes) bytes for a \(option) file; raise it with --max-file-bytes"
            )
        }
        return bytes
    }

    /// The previous evaluation named by `--compare`.
    func readPrevious(_ path: String) throws -> Evaluation {
        let bytes = try readCapped(path, option: "--compare")
        do {
            return try JSONDecoder().decode(Evaluation.self, from: Data(bytes))
        } catch {
            throw CLIError.configuration(
                "--compare \(path) is not the output of `framewatch eval --json` (\(Self.decodingProblem(error)))")
        }
    }
}

/// What `eval --json` prints: the evaluation (its keys at the top, so the output can be given to
/// `--compare` later), and with `--compare` a `comparison` object beside them.
struct EvalJSON: Encodable {
    var evaluation: Evaluation
    var previous: Evaluation?

    /// The comparison's JSON: the previous run's pack, how many items both runs scored and how
    /// many only one did, the shared items fixed and broken (all of them: this is for programs),
    /// and each group's frame accuracy on the shared items before and after.
    struct Comparison: Encodable {
        struct Accuracy: Encodable {
            var group: String
            var items: Int
            var before: Double
            var after: Double
        }
        var previousLexicon: LexiconPack.Identity
        var samePack: Bool
        var shared: Int
        var onlyCurrent: Int
        var onlyPrevious: Int
        var fixed: [String]
        var broken: [String]
        var accuracy: [Accuracy]

        enum CodingKeys: String, CodingKey {
            case shared, fixed, broken, accuracy
            case previousLexicon = "previous_lexicon"
            case samePack = "same_pack"
            case onlyCurrent = "only_current"
            case onlyPrevious = "only_previous"
        }

        init(_ c: EvaluationComparison, previous: Evaluation) {
            previousLexicon = previous.lexicon
            samePack = c.samePack
            shared = c.shared.count
            onlyCurrent = c.onlyCurrent.count
            onlyPrevious = c.onlyPrevious.count
            fixed = c.fixed
            broken = c.broken
            accuracy = c.accuracy.map { Accuracy(group: $0.group, items: $0.items, before: $0.before, after: $0.after) }
        }
    }

    enum ComparisonKey: String, CodingKey { case comparison }

    func encode(to encoder: any Encoder) throws {
        try evaluation.encode(to: encoder)
        guard let previous else { return }
        // A second keyed container on the same encoder adds to the evaluation's object.
        var container = encoder.container(keyedBy: ComparisonKey.self)
        let comparison = EvaluationComparison(current: evaluation, previous: previous)
        try container.encode(Comparison(comparison, previous: previous), forKey: .comparison)
    }
}

/// The human-readable evaluation tables.
enum EvalReport {
    static func render(_ e: Evaluation, previous: Evaluation?, misses: Int) -> String {
        var out = "Lexicon \(e.lexicon.name) \(e.lexicon.version) \(e.lexicon.hash)\n\n"
        let order = ["en", "ru", "az", "all"].filter { e.groups[$0] != nil }
        out += pad("", 6) + pad("items", 7) + pad("frame F1", 10) + pad("accuracy", 10) + pad("tone acc", 10)
        out += pad("entity F1 (span)", 18) + "entity F1 (id)\n"
        let comparison = previous.map { EvaluationComparison(current: e, previous: $0) }
        // A group's F1 moves with its items too: the table shows the change only when both runs
        // scored the same items (the comparison below covers the shared ones otherwise).
        let sameItems = comparison.map { $0.onlyCurrent.isEmpty && $0.onlyPrevious.isEmpty } ?? false
        for name in order {
            let g = e.groups[name]!
            var macro = f(g.frameMacroF1)
            if sameItems, let p = previous?.groups[name] { macro += delta(g.frameMacroF1 - p.frameMacroF1) }
            out += pad(name, 6) + pad(String(g.items), 7) + pad(macro, 10) + pad(f(g.frameAccuracy), 10)
            // No entity in the gold file nor in the predictions: there is nothing to score ("n/a",
            // not a perfect 1.000).
            func entityF1(_ prf: Evaluation.PRF) -> String { prf.gold == 0 && prf.predicted == 0 ? "n/a" : f(prf.f1) }
            out +=
                pad(g.toneAccuracy.map(f) ?? "-", 10) + pad(entityF1(g.entitySpans), 18) + entityF1(g.entityIDs) + "\n"
        }
        for name in order {
            let g = e.groups[name]!
            out += "\n[\(name)] per label\n"
            out += "  " + pad("label", 16) + pad("precision", 11) + pad("recall", 9) + pad("F1", 8) + "support\n"
            for (label, s) in g.frame.sorted(by: { $0.key < $1.key }) {
                out += "  " + pad(label, 16) + pad(f(s.precision), 11) + pad(f(s.recall), 9) + pad(f(s.f1), 8)
                out += "\(s.support)\n"
            }
            let columns = FrameLabel.allCases.map(\.rawValue).filter { c in
                g.confusion.keys.contains(c) || g.confusion.values.contains { $0[c] != nil }
            }
            out += "  confusion (rows gold, columns predicted)\n  " + pad("", 16)
            out += columns.map { pad(String($0.prefix(12)), 14) }.joined() + "\n"
            for row in columns where g.confusion[row] != nil {
                out += "  " + pad(row, 16) + columns.map { pad(String(g.confusion[row]?[$0] ?? 0), 14) }.joined() + "\n"
            }
            out += "  entities: spans P \(f(g.entitySpans.precision)) R \(f(g.entitySpans.recall)) · ids P "
            out += "\(f(g.entityIDs.precision)) R \(f(g.entityIDs.recall))\n"
        }
        if let previous, let comparison {
            out += compared(comparison, previous: previous, items: e.outcomes.count)
        }
        if misses > 0 && !e.misses.isEmpty {
            out += "\nWrong items (\(e.misses.count); showing \(min(misses, e.misses.count)))\n"
            for m in e.misses.prefix(misses) {
                out +=
                    "- \(m.id) [\(m.lang)\(m.kind.map { ", \($0)" } ?? "")] gold \(m.goldFrame) → \(m.predictedFrame)"
                if let t = m.goldTone, t != m.predictedTone { out += "; tone \(t) → \(m.predictedTone)" }
                out += "\n  \(m.text.prefix(220).replacingOccurrences(of: "\n", with: " "))\n"
                if !m.evidence.isEmpty { out += "  evidence: \(m.evidence.prefix(8).joined(separator: "; "))\n" }
                if !m.missingEntities.isEmpty {
                    out += "  missing entities: \(m.missingEntities.joined(separator: ", "))\n"
                }
                if !m.extraEntities.isEmpty { out += "  extra entities: \(m.extraEntities.joined(separator: ", "))\n" }
            }
        }
        return out
    }

    /// The `--compare` section: which pack the previous run used, how many items the two runs
    /// share (with a warning when none: the previous run was on other gold files, and "0 fixed,
    /// 0 broken" would read as "nothing changed"), the items only one run has, each group's frame
    /// accuracy before → after on the shared items, and the items fixed and broken.
    static func compared(_ c: EvaluationComparison, previous: Evaluation, items: Int) -> String {
        let pack = previous.lexicon
        var out = "\nCompared with \(pack.name) \(pack.version) \(pack.hash.prefix(19))…"
        out += c.samePack ? " (the same pack)\n" : " (another pack)\n"
        let previousItems = previous.outcomes.count
        guard !c.shared.isEmpty else {
            out +=
                "  warning: the previous evaluation shares 0 of \(items) items: it was run on other gold files "
                + "(\(Framewatch.count(previousItems, "item")), none with an id of this run); nothing to compare\n"
            return out
        }
        out += "  items: \(c.shared.count) shared of \(items) in this run and \(previousItems) in the previous one\n"
        if !c.onlyCurrent.isEmpty { out += "  only in this run (\(c.onlyCurrent.count)): \(listed(c.onlyCurrent))\n" }
        if !c.onlyPrevious.isEmpty {
            out += "  only in the previous run (\(c.onlyPrevious.count)): \(listed(c.onlyPrevious))\n"
        }
        out += "  frame accuracy on the \(Framewatch.count(c.shared.count, "shared item")): "
        out += c.accuracy.map { "\($0.group) \(f($0.before)) → \(f($0.after))" }.joined(separator: ", ") + "\n"
        out += "  \(c.fixed.count) fixed, \(c.broken.count) broken\n"
        if !c.fixed.isEmpty { out += "  fixed: \(listed(c.fixed, first: 20))\n" }
        if !c.broken.isEmpty { out += "  broken: \(listed(c.broken, first: 20))\n" }
        return out
    }

    /// Up to `first` ids, then how many more: a run on other files can differ by hundreds, and a
    /// new pack can fix thousands of items of a large gold set (`eval --json --compare` lists
    /// them all).
    static func listed(_ ids: [String], first: Int = 10) -> String {
        ids.prefix(first).joined(separator: ", ") + (ids.count > first ? ", … and \(ids.count - first) more" : "")
    }

    static func f(_ x: Double) -> String { String(format: "%.3f", x) }
    static func delta(_ x: Double) -> String { abs(x) < 0.0005 ? "" : String(format: " (%+.3f)", x) }
    static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count)
    }
}

extension EvalCommand {
    /// A decoding error in a few words: which field is missing or of the wrong type.
    static func decodingProblem(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no \"\(key.stringValue)\" field"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case DecodingError.dataCorrupted: return "not valid JSON"
        default: return "unreadable"
        }
    }
}
