import Foundation
import FramewatchCore

/// The human-readable rendering of a report: label and scores first, then each sentence with its
/// cues highlighted, then entities, flags and accusations.
enum TerminalReport {
    static func render(_ report: Report, text bytes: [UInt8], colour: Bool, explain: Bool) -> String {
        let style = Style(enabled: colour)
        // Control characters of the text (ESC sequences could recolour or retitle the terminal)
        // are shown as visible symbols, one for one, so that offsets still line up.
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(TerminalSafe.scalar)
        var out = ""
        let label = report.frame.label.rawValue.uppercased().replacingOccurrences(of: "_", with: "-")
        let paint: (String) -> String =
            switch report.frame.label {
            case .antiRussian: style.anti
            case .conciliatory: style.conciliatory
            default: style.bold
            }
        out += "Frame      \(paint(label))   anti_russian \(fmt(report.frame.scores["anti_russian"] ?? 0))"
        out += " · conciliatory \(fmt(report.frame.scores["conciliatory"] ?? 0))\n"
        let subframes = report.frame.subframes.sorted { $0.value > $1.value }.prefix(5)
        if !subframes.isEmpty {
            out += "Sub-frames " + subframes.map { "\($0.key) \(fmt($0.value))" }.joined(separator: ", ") + "\n"
        }
        out += "Tone       \(signed(report.sentiment.score))  (positive \(fmt(report.sentiment.positive)),"
        out += " negative \(fmt(report.sentiment.negative)))\n"
        if !report.targets.isEmpty {
            out +=
                "Targets    "
                + report.targets.map { "\($0.entity) \(signed($0.tone)) (\(Framewatch.count($0.mentions, "mention")))" }
                .joined(separator: " · ") + "\n"
        }
        if let label = report.toneRussia {
            out += "Russia     tone_russia \(label > 0 ? "+1" : String(label))"
            out += " (\(label < 0 ? "unfavourable" : label > 0 ? "favourable" : "no evaluation or balanced"))\n"
        }
        out += "Language   \(report.lang.rawValue) · \(Framewatch.count(report.stats.sentences, "sentence")) · lexicon "
        out += "\(report.lexicon.name) \(report.lexicon.version) \(report.lexicon.hash.prefix(19))…\n"
        out +=
            style.dim("Legend: ") + style.anti("anti-Russian") + " " + style.conciliatory("conciliatory") + " "
            + style.negative("negative tone") + " " + style.positive("positive tone") + " "
            + style.weakened(Report.Evidence.weakeningModifiers.joined(separator: "/")) + "\n"

        out += "\n" + style.bold("Sentences") + "\n"
        for (n, s) in report.sentences.enumerated() {
            var voice = s.voice == "quoted" ? " quoted" + (s.speaker.map { " (\($0))" } ?? "") : ""
            if s.background == true { voice += " background (recap: weighs less)" }
            if s.boilerplate == true { voice += " site furniture (not scored)" }
            out +=
                style.dim("\(n + 1). [\(s.frame.rawValue)] \(s.lang.rawValue) tone \(signed(s.sentiment))\(voice)")
                + "\n"
            out += "   " + highlight(s, scalars: scalars, style: style) + "\n"
            for e in s.evidence where explain || !e.category.hasPrefix("sentiment") {
                var line = "   · “\(TerminalSafe.clean(e.text))” \(e.category) \(fmt(e.baseWeight)) → \(fmt(e.weight))"
                if let t = e.target { line += " → \(t)" }
                if !e.modifiers.isEmpty { line += " [\(e.modifiers.joined(separator: ", "))]" }
                out += style.dim(line) + "\n"
                if explain, let trace = e.trace {
                    for step in trace {
                        out += style.dim("       \(step.rule) ×\(fmt(step.factor)): \(step.reason)") + "\n"
                    }
                    out += style.dim("       source \(e.source)") + "\n"
                }
            }
        }

        if !report.entities.isEmpty {
            out += "\n" + style.bold("Entities") + "\n"
            for e in report.entities {
                let flag = e.flagged ? style.flag("⚑ ") : "  "
                let forms = Set(e.mentions.map { TerminalSafe.clean($0.text) }).sorted().joined(separator: ", ")
                out +=
                    "\(flag)\(TerminalSafe.clean(e.name)) (\(e.type.rawValue)\(e.listed == false ? ", not in the gazetteer" : ""), \(e.id)) ×\(e.mentions.count) tone \(signed(e.tone)) — \(forms)\n"
                if let reason = e.flagReason { out += style.dim("    watch: \(reason)") + "\n" }
                for a in e.accusations {
                    out += "    accused: \(a.subframe ?? "") “\(TerminalSafe.clean(a.text))” [\(a.start)..<\(a.end)]\n"
                }
                for d in e.denials { out += "    denies: “\(TerminalSafe.clean(d.text))”\n" }
            }
        }
        for a in report.ambiguous {
            out +=
                style.dim(
                    "  ? “\(TerminalSafe.clean(a.text))” [\(a.start)..<\(a.end)] could be: \(a.candidates.joined(separator: ", "))"
                )
                + "\n"
        }
        return out
    }

    static func highlight(_ s: Report.SentenceReport, scalars: [Unicode.Scalar], style: Style) -> String {
        guard s.start <= s.end, s.end <= scalars.count else { return "" }
        // One style per scalar: frame cues win over sentiment words.
        var paint = [String?](repeating: nil, count: s.end - s.start)
        for e in s.evidence.sorted(by: { a, _ in a.category == "sentiment" }) {
            let weakened = e.isWeakened
            let code: String
            if e.category.hasPrefix("anti_russian") {
                code = weakened ? "2;4;31" : "1;31"
            } else if e.category.hasPrefix("conciliatory") {
                code = weakened ? "2;4;32" : "1;32"
            } else {
                code = e.weight >= 0 ? "36" : "35"
            }
            for i in max(e.start, s.start)..<min(e.end, s.end) { paint[i - s.start] = code }
        }
        var out = ""
        var current: String? = nil
        var run = String.UnicodeScalarView()
        func flush() {
            let text = String(run).replacingOccurrences(of: "\n", with: " ")
            out += current.map { style.apply($0, style.enabled ? text : text) } ?? text
            run = String.UnicodeScalarView()
        }
        for i in s.start..<s.end {
            let code = paint[i - s.start]
            if code != current {
                flush()
                current = code
            }
            run.append(scalars[i])
        }
        flush()
        if !style.enabled {
            // Without colour, mark frame cues with brackets so the evidence is still visible.
            var marked = ""
            var inside = false
            for i in s.start..<s.end {
                let cue = paint[i - s.start].map { !$0.hasPrefix("3") } ?? false
                if cue && !inside { marked += "[" } else if !cue && inside { marked += "]" }
                inside = cue
                marked.unicodeScalars.append(scalars[i] == "\n" ? " " : scalars[i])
            }
            if inside { marked += "]" }
            return marked
        }
        return out
    }

    static func fmt(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return String(format: "%.2f", r)
    }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + fmt(x) }
}
