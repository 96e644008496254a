import Foundation
import FramewatchCore

extension TrendReport {
    /// The report as JSON (sorted keys): the body of `GET /v1/trends`.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Which table `csv(_:)` writes.
    public enum Table: String, Sendable, CaseIterable {
        case groups, figures, cues
    }

    /// One table as CSV with a header row (RFC 4180 quoting).
    public func csv(_ table: Table = .groups) -> String {
        var rows: [[String]] = []
        switch table {
        case .groups:
            rows.append(
                ["key", "name", "documents"] + Self.labels.map { "\($0)_n" } + Self.labels.map { "\($0)_share" }
                    + [
                        "mean_anti_russian", "mean_conciliatory", "mean_sentiment", "mean_tone_russia",
                        "mean_entity_tone",
                    ])
            for g in groups {
                rows.append(
                    [g.key, g.name ?? "", String(g.documents)] + Self.labels.map { String(g.labels[$0] ?? 0) }
                        + Self.labels.map { Self.number(g.shares[$0]) }
                        + ["anti_russian", "conciliatory", "sentiment", "tone_russia", "entity_tone"].map {
                            Self.number(g.means[$0])
                        })
            }
        case .figures:
            rows.append(["id", "name", "articles", "accusations", "denials", "subframes", "examples", "reason"])
            for f in flagged {
                rows.append([
                    f.id, f.name, String(f.articles), String(f.accusations), String(f.denials),
                    f.subframes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"),
                    f.examples.joined(separator: " | "), f.reason ?? "",
                ])
            }
        case .cues:
            rows.append(["text", "category", "count", "articles", "mean_weight"])
            for c in cues {
                rows.append([c.text, c.category, String(c.count), String(c.articles), Self.number(c.weight)])
            }
        }
        return rows.map { $0.map(Self.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The tables for a person: groups, then figures, then cues, in aligned columns.
    public func table() -> String {
        // Outlets, names and cues come from scraped input: no control character reaches the terminal.
        TerminalSafe.clean(rawTable())
    }

    private func rawTable() -> String {
        var out = Framewatch.count(documents, "article")
        if from != nil || to != nil { out += " published \(from ?? "…") to \(to ?? "…")" }
        if !outlets.isEmpty { out += " · outlets \(outlets.joined(separator: ", "))" }
        if let lang { out += " · \(lang)" }
        if undated > 0 && (by == .week || by == .month) {
            out += " · \(undated) undated (not in the \(by.rawValue)ly rows)"
        }
        out += "\n"
        if lexicons.count > 1 {
            out +=
                "Note: scored with \(lexicons.count) different packs: "
                + lexicons.map { "\($0.name) \($0.version) \($0.hash.prefix(19))… (\($0.documents))" }.joined(
                    separator: ", ") + "\n"
        }
        out += "\n"
        let head = [by.rawValue, "docs", "anti-Ru", "concil.", "mixed", "neutral", "mean anti", "mean conc", "tone Ru"]
        var rows: [[String]] = []
        for g in groups {
            let key = g.name.map { "\($0) (\(g.key))" } ?? (g.key.isEmpty ? "(none)" : g.key)
            rows.append(
                [key, String(g.documents)] + Self.labels.map { Self.percent(g.shares[$0] ?? 0) }
                    + [
                        Self.number(g.means["anti_russian"]), Self.number(g.means["conciliatory"]),
                        Self.number(g.means["tone_russia"]),
                    ])
        }
        out += Self.align([head] + rows, rightFrom: 1)
        if !flagged.isEmpty {
            out += "\nWatch-listed figures named (most accused first)\n"
            var figureRows = [["figure", "articles", "accused", "denied", "sub-frames", "e.g."]]
            for f in flagged {
                figureRows.append([
                    f.name, String(f.articles), String(f.accusations), String(f.denials),
                    f.subframes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                    f.examples.map { "“\($0)”" }.joined(separator: " "),
                ])
            }
            out += Self.align(figureRows, rightFrom: 1, rightTo: 3)
        }
        for pole in ["anti_russian", "conciliatory"] {
            let list = cues.filter { $0.category.hasPrefix(pole + ".") }
            guard !list.isEmpty else { continue }
            out += "\nTop \(pole == "anti_russian" ? "anti-Russian" : "conciliatory") cues\n"
            var cueRows = [["cue", "sub-frame", "count", "articles", "mean weight"]]
            for c in list {
                cueRows.append([
                    c.text, String(c.category.dropFirst(pole.count + 1)), String(c.count), String(c.articles),
                    Self.number(c.weight),
                ])
            }
            out += Self.align(cueRows, rightFrom: 2)
        }
        return out
    }

    /// As every Framewatch CSV: RFC 4180 quoting, and spreadsheet formulas neutralised
    /// (outlets and names come from scraped input).
    static func quote(_ field: String) -> String { ReportCSV.field(field) }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.3f", value)
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }

    /// Columns padded to their widest cell (counted in characters); columns `rightFrom…rightTo`
    /// right-aligned.
    /// A cell longer than `maximumCell` characters is cut with "…" (a 5,000-character outlet name
    /// would widen every line; the CSV and JSON keep it whole).
    static func align(_ rows: [[String]], rightFrom: Int, rightTo: Int = .max, maximumCell: Int = 60) -> String {
        let rows = rows.map { row in row.map { TerminalSafe.shortened($0, to: maximumCell) } }
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let right = i >= rightFrom && i <= rightTo
                line += (i > 0 ? "  " : "") + (right ? pad + cell : cell + (i == row.count - 1 ? "" : pad))
            }
            out += line + "\n"
        }
        return out
    }
}
