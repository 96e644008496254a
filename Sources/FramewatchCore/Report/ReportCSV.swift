import Foundation

/// One CSV row per document (`framewatch batch --format csv`): the main scores, the label,
/// flagged figures and the lexicon hash. Errors fill `error_code` and `error_message`.
public enum ReportCSV {
    public static let header = [
        "id", "line", "lang", "frame", "anti_russian", "conciliatory", "sentiment", "tone_russia", "top_subframe",
        "flagged", "entities", "lexicon", "lexicon_hash", "error_code", "error_message",
    ]

    public static var headerLine: [UInt8] { Array((header.joined(separator: ",") + "\n").utf8) }

    public static func row(_ report: Report, line: Int) -> [UInt8] {
        let tone = report.targets.first { $0.entity == "russia" }.map { number($0.tone) } ?? ""
        // Ties go to the first name in order, so the column does not depend on hash order.
        let top = report.frame.subframes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        let fields = [
            report.id ?? "", String(line), report.lang.rawValue, report.frame.label.rawValue,
            number(report.frame.scores["anti_russian"] ?? 0), number(report.frame.scores["conciliatory"] ?? 0),
            number(report.sentiment.score), tone, top,
            report.entities.filter(\.flagged).map(\.id).joined(separator: ";"),
            report.entities.map(\.id).joined(separator: ";"),
            "\(report.lexicon.name) \(report.lexicon.version)", report.lexicon.hash, "", "",
        ]
        return encode(fields)
    }

    public static func errorRow(_ error: RecordError, line: Int) -> [UInt8] {
        encode([
            error.id ?? "", String(line), "", "", "", "", "", "", "", "", "", "", "", error.code.rawValue,
            error.message,
        ])
    }

    static func number(_ x: Double) -> String { String(format: "%.4f", x) }

    /// RFC 4180: quote a field that contains a comma, quote or line break; double the quotes.
    /// Fields starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas.
    static func encode(_ fields: [String]) -> [UInt8] {
        var out = fields.map { raw -> String in
            var f = raw
            if let first = f.first, "=+-@".contains(first), Double(f) == nil { f = "'" + f }
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return f
        }.joined(separator: ",")
        out += "\n"
        return Array(out.utf8)
    }
}
