import Foundation

/// One CSV row per document (`framewatch batch --format csv`): the main scores, the label,
/// flagged figures and the lexicon hash. Errors fill `error_code` and `error_message`.
public enum ReportCSV {
    public static let header = [
        "id", "line", "lang", "frame", "anti_russian", "conciliatory", "sentiment", "tone_russia", "tone_russia_score",
        "top_subframe",
        "flagged", "entities", "lexicon", "lexicon_hash", "error_code", "error_message",
    ]

    public static var headerLine: [UInt8] { Array((header.joined(separator: ",") + "\n").utf8) }

    public static func row(_ report: Report, line: Int) -> [UInt8] {
        let score = report.targets.first { $0.entity == "russia" }.map { number($0.tone) } ?? ""
        let label = report.toneRussia.map(String.init) ?? ""
        // Ties go to the first name in order, so the column does not depend on hash order.
        let top = report.frame.subframes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        let fields = [
            report.id ?? "", String(line), report.lang.rawValue, report.frame.label.rawValue,
            number(report.frame.scores["anti_russian"] ?? 0), number(report.frame.scores["conciliatory"] ?? 0),
            number(report.sentiment.score), label, score, top,
            report.entities.filter(\.flagged).map(\.id).joined(separator: ";"),
            report.entities.map(\.id).joined(separator: ";"),
            "\(report.lexicon.name) \(report.lexicon.version)", report.lexicon.hash, "", "",
        ]
        return encode(fields)
    }

    public static func errorRow(_ error: RecordError, line: Int) -> [UInt8] {
        encode([
            error.id ?? "", String(line), "", "", "", "", "", "", "", "", "", "", "", "", error.code.rawValue,
            error.message,
        ])
    }

    static func number(_ x: Double) -> String { String(format: "%.4f", x) }

    static func encode(_ fields: [String]) -> [UInt8] {
        Array((fields.map(field).joined(separator: ",") + "\n").utf8)
    }

    /// One CSV field, as every CSV Framewatch writes it. RFC 4180: a field that contains a comma,
    /// quote or line break is quoted, its quotes doubled. A field starting with = + - @, a tab
    /// or a carriage return (and not a number) gets a leading ' so that a spreadsheet does not
    /// run it as a formula: ids, outlets and names come from scraped input.
    public static func field(_ raw: String) -> String {
        var f = raw
        if let first = f.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(f) == nil {
            f = "'" + f
        }
        if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return f
    }
}
