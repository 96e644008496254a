import Foundation
import GRDB

/// What to summarise: the filters and the grouping of `framewatch report` and `GET /v1/trends`.
public struct TrendQuery: Sendable, Hashable {
    /// How articles are grouped.
    public enum Grouping: String, Sendable, CaseIterable, Codable {
        /// By the Monday of the published date's ISO week (undated articles are left out).
        case week
        /// By calendar month of the published date (undated articles are left out).
        case month
        /// By outlet (articles without one form the group `""`).
        case outlet
        /// By entity named: the articles that name it (the `top` most-named entities).
        case entity
    }

    public var by: Grouping
    /// First published day included (`YYYY-MM-DD`); with a bound, undated articles are left out.
    public var from: String?
    /// Last published day included (`YYYY-MM-DD`).
    public var to: String?
    /// Only these outlets (all when empty), compared in their normalised form (``OutletName``):
    /// ``validated()`` normalises them.
    public var outlets: [String]
    /// Only this language (`en`, `ru`, `az`).
    public var language: String?
    /// How many figures, cues and (for `by: .entity`) groups to list.
    public var top: Int

    public init(
        by: Grouping = .week, from: String? = nil, to: String? = nil, outlets: [String] = [], language: String? = nil,
        top: Int = 10
    ) {
        self.by = by
        self.from = from
        self.to = to
        self.outlets = outlets
        self.language = language
        self.top = top
    }

    /// Why a query's values cannot be used.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks the bounds: real days, in order; `top` in 1…1000. Outlet names are normalised as
    /// the store normalises them, so `"line\r\nbreak"` (as a browser sends a ticked name with a
    /// line break) and `"  padded "` select the outlets stored as `line break` and `padded`.
    public func validated() throws -> TrendQuery {
        var query = self
        query.outlets = Self.uniqueNormalized(outlets)
        for (name, value) in [("from", from), ("to", to)] {
            guard let value else { continue }
            guard let day = PublishedDate(parsing: value) else {
                if PublishedDate.isAmbiguous(value) {
                    throw Invalid(
                        description:
                            "\(name) is \"\(value)\", which could be day first or month first; write it as "
                            + "YYYY-MM-DD (e.g. 2025-06-30)")
                }
                if let problem = PublishedDate.problem(with: value) {
                    throw Invalid(description: "\(name) is \"\(value)\": \(problem)")
                }
                throw Invalid(description: "\(name) is \"\(value)\"; expected a date such as 2025-06-30")
            }
            if name == "from" { query.from = day.dayKey } else { query.to = day.dayKey }
        }
        if let a = query.from, let b = query.to, a > b {
            throw Invalid(description: "from (\(a)) is after to (\(b))")
        }
        if let language, !["en", "ru", "az"].contains(language) {
            throw Invalid(description: "lang is \"\(language)\"; expected en, ru or az")
        }
        guard (1...1000).contains(top) else { throw Invalid(description: "top must be between 1 and 1000") }
        return query
    }

    /// The outlets in their normalised form, each once, in the order first given.
    static func uniqueNormalized(_ outlets: [String]) -> [String] {
        var seen = Set<String>()
        return outlets.map(OutletName.normalized).filter { seen.insert($0).inserted }
    }

    /// The WHERE clause (on table alias `a`) and its arguments.
    func filter() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let from {
            clauses.append("a.day >= ?")
            arguments.append(from)
        }
        if let to {
            clauses.append("a.day <= ?")
            arguments.append(to)
        }
        // Normalised here too, so that a query that skipped validated() still matches the store.
        let outlets = Self.uniqueNormalized(outlets)
        if !outlets.isEmpty {
            clauses.append("COALESCE(a.outlet, '') IN (" + outlets.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments.append(contentsOf: outlets.map { $0 as DatabaseValueConvertible? })
        }
        if let language {
            clauses.append("a.lang = ?")
            arguments.append(language)
        }
        let sql = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        return (sql, StatementArguments(arguments))
    }
}

/// The summary a monitor pastes into a weekly brief: per group, the counts and shares of each
/// frame label and the mean scores; over the whole selection, the most-flagged figures with
/// their accusations and the most frequent cues of each pole. Its JSON is the body of
/// `GET /v1/trends` and of `framewatch report --format json`.
public struct TrendReport: Sendable, Codable, Hashable {
    public var by: TrendQuery.Grouping
    public var from: String?
    public var to: String?
    public var outlets: [String]
    public var lang: String?
    /// Articles selected by the filters.
    public var documents: Int
    /// Of those, articles without a readable published date (not in week/month groups).
    public var undated: Int
    public var groups: [Group]
    /// The most-flagged figures: watch-listed entities, by accusations attributed to them.
    public var flagged: [FlaggedFigure]
    /// The most frequent framing cues of each pole.
    public var cues: [TopCue]
    /// The packs the selected articles were scored with (mixing packs mixes measurements).
    public var lexicons: [LexiconCount]

    public struct Group: Sendable, Codable, Hashable {
        /// The week's Monday, the month, the outlet or the entity id.
        public var key: String
        /// The entity's name (`by: entity`).
        public var name: String?
        public var documents: Int
        /// Articles per frame label (`anti_russian`, `conciliatory`, `mixed`, `neutral`).
        public var labels: [String: Int]
        /// The same as shares of `documents`, in [0, 1].
        public var shares: [String: Double]
        /// Mean document scores: `anti_russian`, `conciliatory` (pole scores), `sentiment`,
        /// `tone_russia` (articles naming Russia only), and for entities `entity_tone`.
        public var means: [String: Double]
    }

    public struct FlaggedFigure: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// The entity type: `person`, `org` (a watch-listed outlet or agency) or `place`.
        public var type: String
        /// Articles naming the figure.
        public var articles: Int
        public var accusations: Int
        public var denials: Int
        /// Accusations per sub-frame.
        public var subframes: [String: Int]
        /// The most frequent accusation texts (up to three).
        public var examples: [String]
        public var reason: String?
    }

    public struct TopCue: Sendable, Codable, Hashable {
        /// The cue's text, lower-cased.
        public var text: String
        public var category: String
        public var count: Int
        public var articles: Int
        /// Mean weight after the rules.
        public var weight: Double
    }

    public struct LexiconCount: Sendable, Codable, Hashable {
        public var name: String
        public var version: String
        public var hash: String
        public var documents: Int
    }

    /// The frame labels, in the order tables show them.
    public static let labels = ["anti_russian", "conciliatory", "mixed", "neutral"]
}

extension MonitorStore {
    /// Runs a trend query (validate it first with ``TrendQuery/validated()``).
    public func trends(_ query: TrendQuery) throws -> TrendReport {
        try read { db in
            let (filter, arguments) = query.filter()
            let totals = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, SUM(a.day IS NULL) AS undated FROM article a WHERE \(filter)",
                arguments: arguments)
            var report = TrendReport(
                by: query.by, from: query.from, to: query.to, outlets: query.outlets, lang: query.language,
                documents: totals?["n"] ?? 0, undated: totals?["undated"] ?? 0, groups: [], flagged: [], cues: [],
                lexicons: [])
            report.groups = try Self.groups(db, query: query, filter: filter, arguments: arguments)
            report.flagged = try Self.flagged(db, query: query, filter: filter, arguments: arguments)
            report.cues = try Self.cues(db, query: query, filter: filter, arguments: arguments)
            report.lexicons = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.lexicon_name, a.lexicon_version, a.lexicon_hash, COUNT(*) AS n FROM article a
                    WHERE \(filter) GROUP BY a.lexicon_hash ORDER BY n DESC
                    """, arguments: arguments
            ).map {
                TrendReport.LexiconCount(
                    name: $0["lexicon_name"], version: $0["lexicon_version"], hash: $0["lexicon_hash"],
                    documents: $0["n"])
            }
            return report
        }
    }

    /// Per week × outlet series for the dashboard: the groups of `query` (by week or month)
    /// computed once per outlet. Outlets are ordered by article count.
    ///
    /// Only the `limit` outlets with the most articles get their groups (one query each): the
    /// dashboard draws eight, and computing every outlet's made the page cost outlets × articles
    /// (12 s with 3,000 outlets). `outlets` is the number of outlets in all.
    public func series(_ query: TrendQuery, limit: Int = .max) throws -> (
        outlets: Int, series: [(outlet: String, groups: [TrendReport.Group])]
    ) {
        try read { db in
            let (filter, arguments) = query.filter()
            let outlets = try String.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(a.outlet, '') AS o FROM article a WHERE \(filter) AND a.day IS NOT NULL
                    GROUP BY o ORDER BY COUNT(*) DESC, o
                    """, arguments: arguments)
            return (
                outlets.count,
                try outlets.prefix(limit).map { outlet in
                    var q = query
                    q.outlets = [outlet]
                    let (f, args) = q.filter()
                    return (outlet, try Self.groups(db, query: q, filter: f, arguments: args))
                }
            )
        }
    }

    /// The outlets present, by article count.
    public func outlets() throws -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT COALESCE(outlet, '') AS o FROM article GROUP BY o ORDER BY COUNT(*) DESC, o")
        }
    }

    /// Four decimals, as in the report contract (and no floating-point noise in the JSON).
    static func rounded(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }

    private static let labelColumns = """
        COUNT(*) AS n,
        SUM(a.frame = 'anti_russian') AS anti_russian_n, SUM(a.frame = 'conciliatory') AS conciliatory_n,
        SUM(a.frame = 'mixed') AS mixed_n, SUM(a.frame = 'neutral') AS neutral_n,
        AVG(a.anti_russian) AS anti_russian_mean, AVG(a.conciliatory) AS conciliatory_mean,
        AVG(a.sentiment) AS sentiment_mean, AVG(a.tone_russia) AS tone_russia_mean
        """

    private static func groups(_ db: Database, query: TrendQuery, filter: String, arguments: StatementArguments)
        throws -> [TrendReport.Group]
    {
        let sql: String
        switch query.by {
        case .week, .month:
            let column = query.by == .week ? "a.week" : "a.month"
            sql = """
                SELECT \(column) AS key, NULL AS name, NULL AS entity_tone, \(labelColumns)
                FROM article a WHERE \(filter) AND \(column) IS NOT NULL GROUP BY key ORDER BY key
                """
        case .outlet:
            sql = """
                SELECT COALESCE(a.outlet, '') AS key, NULL AS name, NULL AS entity_tone, \(labelColumns)
                FROM article a WHERE \(filter) GROUP BY key ORDER BY n DESC, key
                """
        case .entity:
            sql = """
                SELECT e.entity_id AS key, MAX(e.name) AS name, AVG(e.tone) AS entity_tone, \(labelColumns)
                FROM entity e JOIN article a ON a.id = e.article_id WHERE \(filter)
                GROUP BY e.entity_id ORDER BY n DESC, key LIMIT \(query.top)
                """
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let n: Int = row["n"]
            var labels: [String: Int] = [:]
            var shares: [String: Double] = [:]
            for label in TrendReport.labels {
                let count: Int = row["\(label)_n"] ?? 0
                labels[label] = count
                shares[label] = n > 0 ? rounded(Double(count) / Double(n)) : 0
            }
            var means: [String: Double] = [:]
            for name in ["anti_russian", "conciliatory", "sentiment", "tone_russia"] {
                if let value: Double = row["\(name)_mean"] { means[name] = rounded(value) }
            }
            if let tone: Double = row["entity_tone"] { means["entity_tone"] = rounded(tone) }
            return TrendReport.Group(
                key: row["key"], name: row["name"], documents: n, labels: labels, shares: shares, means: means)
        }
    }

    private static func flagged(_ db: Database, query: TrendQuery, filter: String, arguments: StatementArguments)
        throws -> [TrendReport.FlaggedFigure]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.entity_id AS id, MAX(e.name) AS name, MAX(e.type) AS type, MAX(e.flag_reason) AS reason,
                       COUNT(*) AS articles,
                       COALESCE(SUM((SELECT COUNT(*) FROM accusation x WHERE x.article_id = e.article_id
                                      AND x.entity_id = e.entity_id AND x.kind = 'accusation')), 0) AS accusations,
                       COALESCE(SUM((SELECT COUNT(*) FROM accusation x WHERE x.article_id = e.article_id
                                      AND x.entity_id = e.entity_id AND x.kind = 'denial')), 0) AS denials
                FROM entity e JOIN article a ON a.id = e.article_id
                WHERE \(filter) AND e.flagged = 1
                GROUP BY e.entity_id ORDER BY accusations DESC, articles DESC, id LIMIT \(query.top)
                """, arguments: arguments)
        return try rows.map { row in
            let id: String = row["id"]
            var args = arguments
            args += [id]
            let bySubframe = try Row.fetchAll(
                db,
                sql: """
                    SELECT COALESCE(x.subframe, '') AS subframe, COUNT(*) AS n FROM accusation x
                    JOIN article a ON a.id = x.article_id
                    WHERE \(filter) AND x.entity_id = ? AND x.kind = 'accusation' GROUP BY subframe
                    """, arguments: args)
            let examples = try String.fetchAll(
                db,
                sql: """
                    SELECT x.text FROM accusation x JOIN article a ON a.id = x.article_id
                    WHERE \(filter) AND x.entity_id = ? AND x.kind = 'accusation'
                    GROUP BY lower(x.text) ORDER BY COUNT(*) DESC, x.text LIMIT 3
                    """, arguments: args)
            return TrendReport.FlaggedFigure(
                id: id, name: row["name"], type: row["type"], articles: row["articles"],
                accusations: row["accusations"],
                denials: row["denials"],
                subframes: Dictionary(bySubframe.map { ($0["subframe"], $0["n"]) }, uniquingKeysWith: +),
                examples: examples, reason: row["reason"])
        }
    }

    /// The cues that carried most weight on each pole (their weights summed over the selection):
    /// a cue seen often but damped to nothing each time (a flat "detained") does not lead.
    private static func cues(_ db: Database, query: TrendQuery, filter: String, arguments: StatementArguments)
        throws -> [TrendReport.TopCue]
    {
        var cues: [TrendReport.TopCue] = []
        for pole in ["anti_russian", "conciliatory"] {
            var args = arguments
            args += [pole + ".%"]
            cues += try Row.fetchAll(
                db,
                sql: """
                    SELECT c.key, c.category, COUNT(*) AS n, COUNT(DISTINCT c.article_id) AS articles,
                           AVG(c.weight) AS weight
                    FROM cue c JOIN article a ON a.id = c.article_id
                    WHERE \(filter) AND c.category LIKE ?
                    GROUP BY c.key, c.category ORDER BY SUM(c.weight) DESC, n DESC, c.key LIMIT \(query.top)
                    """, arguments: args
            ).map {
                TrendReport.TopCue(
                    text: $0["key"], category: $0["category"], count: $0["n"], articles: $0["articles"],
                    weight: rounded($0["weight"]))
            }
        }
        return cues
    }
}
