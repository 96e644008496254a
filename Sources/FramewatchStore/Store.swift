import Foundation
import FramewatchCore
import GRDB

/// Scored articles in a SQLite file, for monitoring over time (`framewatch batch --db`,
/// `framewatch serve --db`, `framewatch report`).
///
/// The file is opened in WAL mode: readers (the report, the dashboard) never block the writer
/// and never see half-written articles, because each ``save(_:now:)`` call is one transaction.
/// Rescoring an article (same id) replaces all its rows in that transaction; when the pack, the
/// text or the engine changed, the previous scoring is kept in `history` (see ``Schema``).
///
/// ```swift
/// let store = try MonitorStore(path: "monitor.sqlite")
/// try store.save([StoredArticle(report: report, text: text)])
/// let weekly = try store.trends(TrendQuery(by: .week))
/// ```
public final class MonitorStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Why the store cannot be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating when absent) the database at `path` and upgrades its schema.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second writer (another batch on the same file) waits instead of failing at once.
        configuration.busyMode = .timeout(30)
        configuration.label = "framewatch-store"
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) with NORMAL sync: a commit survives a process crash; a
            // power cut can lose the last commits but never corrupts the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // The database holds every article's text: a new file is readable by its owner only (SQLite
        // gives its -wal and -shm files the same mode).
        if path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Writers started together on a new file race to create the schema: the loser sees
            // "table … already exists" (its check ran before the winner's commit). Migrating again
            // finds the schema in place.
            do {
                try Schema.migrator.migrate(pool)
            } catch let error as DatabaseError where error.message?.contains("already exists") == true {
                try Schema.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw Failure(description: "cannot open the database \(path): \(error.message ?? "\(error)")")
        }
    }

    /// The schema migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    // MARK: writing

    /// What a ``save(_:now:)`` did.
    public struct SaveSummary: Sendable, Hashable {
        /// New ids.
        public var inserted = 0
        /// Ids already stored, replaced by a different scoring.
        public var replaced = 0
        /// Ids stored with the same text, pack, engine and report: nothing written.
        public var unchanged = 0
        /// Articles without a `published` value (absent or blank): stored, but kept out of the
        /// weekly and monthly series.
        public var undated = 0
        /// Articles whose `published` was given but is not a date the store reads (`2025-13-45`,
        /// `June 5, 2025`): stored as undated too, but counted apart, since the input can be fixed.
        public var unreadableDates = 0
        /// The first such value, to show the user what their feed writes.
        public var firstUnreadableDate: String?

        public init(
            inserted: Int = 0, replaced: Int = 0, unchanged: Int = 0, undated: Int = 0, unreadableDates: Int = 0,
            firstUnreadableDate: String? = nil
        ) {
            self.inserted = inserted
            self.replaced = replaced
            self.unchanged = unchanged
            self.undated = undated
            self.unreadableDates = unreadableDates
            self.firstUnreadableDate = firstUnreadableDate
        }

        /// Adds another save's counts (a batch saves in chunks).
        public mutating func add(_ other: SaveSummary) {
            inserted += other.inserted
            replaced += other.replaced
            unchanged += other.unchanged
            undated += other.undated
            unreadableDates += other.unreadableDates
            firstUnreadableDate = firstUnreadableDate ?? other.firstUnreadableDate
        }

        /// Counts one article's `published` value: absent, unreadable, or a date (not counted).
        mutating func countDate(_ published: String?) {
            guard let published, !published.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                undated += 1
                return
            }
            if PublishedDate(parsing: published) == nil {
                unreadableDates += 1
                firstUnreadableDate = firstUnreadableDate ?? published
            }
        }
    }

    /// Stores the articles in one transaction: all of them or none.
    @discardableResult
    public func save(_ articles: [StoredArticle], now: Date = Date()) throws -> SaveSummary {
        let stamp = Self.timestamp(now)
        return try pool.write { db in
            var summary = SaveSummary()
            for article in articles {
                switch try Self.save(article, db: db, stamp: stamp) {
                case .inserted: summary.inserted += 1
                case .replaced: summary.replaced += 1
                case .unchanged: summary.unchanged += 1
                }
                summary.countDate(article.report.published)
            }
            return summary
        }
    }

    private enum Outcome { case inserted, replaced, unchanged }

    private static func save(_ article: StoredArticle, db: Database, stamp: String) throws -> Outcome {
        let r = article.report
        let previous = try Row.fetchOne(
            db,
            sql: """
                SELECT text_hash, lexicon_name, lexicon_version, lexicon_hash, engine, frame, anti_russian,
                       conciliatory, tone_russia, scored_at, report
                FROM article WHERE id = ?
                """, arguments: [article.id])
        var outcome = Outcome.inserted
        if let previous {
            let sameScoring =
                previous["text_hash"] == article.textHash && previous["lexicon_hash"] == r.lexicon.hash
                && previous["engine"] == r.engine
            if sameScoring && previous["report"] == article.reportJSON { return .unchanged }
            if !sameScoring {
                try db.execute(
                    sql: """
                        INSERT INTO history (article_id, replaced_at, lexicon_name, lexicon_version, lexicon_hash,
                          engine, text_hash, frame, anti_russian, conciliatory, tone_russia, scored_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        article.id, stamp, previous["lexicon_name"], previous["lexicon_version"],
                        previous["lexicon_hash"], previous["engine"], previous["text_hash"], previous["frame"],
                        previous["anti_russian"], previous["conciliatory"], previous["tone_russia"],
                        previous["scored_at"],
                    ])
            }
            // Child rows go with the article (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [article.id])
            outcome = .replaced
        }
        let date = r.published.flatMap(PublishedDate.init(parsing:))
        // The outlet column holds the normalised name (grouping and filters compare it); the
        // stored report keeps the input's spelling, as the batch output line does.
        let outlet = r.outlet.map(OutletName.normalized)
        let tone = Dictionary(r.targets.map { ($0.entity, $0.tone) }, uniquingKeysWith: { a, _ in a })
        try db.execute(
            sql: """
                INSERT INTO article (id, outlet, url, published, day, week, month, lang, text, text_hash,
                  lexicon_name, lexicon_version, lexicon_hash, engine, frame, anti_russian, conciliatory,
                  sentiment, tone_russia, tone_azerbaijan, sentences, characters, report, scored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                article.id, outlet, r.url, r.published, date?.dayKey, date?.weekKey, date?.monthKey,
                r.lang.rawValue, article.text, article.textHash, r.lexicon.name, r.lexicon.version, r.lexicon.hash,
                r.engine, r.frame.label.rawValue, r.frame.scores["anti_russian"] ?? 0,
                r.frame.scores["conciliatory"] ?? 0, r.sentiment.score, tone["russia"], tone["azerbaijan"],
                r.stats.sentences, r.stats.characters, article.reportJSON, stamp,
            ])
        for (subframe, score) in r.frame.subframes.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                sql: "INSERT INTO subframe (article_id, subframe, score) VALUES (?, ?, ?)",
                arguments: [article.id, subframe, score])
        }
        for t in r.targets {
            try db.execute(
                sql: "INSERT OR REPLACE INTO target (article_id, target, tone, mentions) VALUES (?, ?, ?, ?)",
                arguments: [article.id, t.entity, t.tone, t.mentions])
        }
        for e in r.entities {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO entity
                      (article_id, entity_id, name, type, flagged, flag_reason, mentions, tone, listed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    article.id, e.id, e.name, e.type.rawValue, e.flagged, e.flagReason, e.mentions.count, e.tone,
                    e.listed ?? true,
                ])
            for (kind, spans) in [("accusation", e.accusations), ("denial", e.denials)] {
                for s in spans {
                    try db.execute(
                        sql: """
                            INSERT INTO accusation (article_id, entity_id, kind, subframe, text, start, "end")
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [article.id, e.id, kind, s.subframe, s.text, s.start, s.end])
                }
            }
        }
        for (index, sentence) in r.sentences.enumerated() {
            for e in sentence.evidence where e.category != "sentiment" {
                try db.execute(
                    sql: """
                        INSERT INTO cue (article_id, sentence, category, text, key, weight, base_weight, start, "end",
                          modifiers)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        article.id, index, e.category, e.text, e.text.lowercased(), e.weight, e.baseWeight, e.start,
                        e.end, e.modifiers.joined(separator: ","),
                    ])
            }
        }
        return outcome
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: reading

    /// The number of stored articles.
    public func count() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    /// One stored article: its report (as stored) and its text.
    public func article(id: String) throws -> StoredArticle? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(StoredArticle.columns) FROM article a WHERE a.id = ?", arguments: [id])
                .map(StoredArticle.init(row:))
        }
    }

    /// The previous scorings of an article, oldest first.
    public func history(id: String) throws -> [HistoryEntry] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT replaced_at, lexicon_name, lexicon_version, lexicon_hash, engine, text_hash, frame,
                           anti_russian, conciliatory, tone_russia, scored_at
                    FROM history WHERE article_id = ? ORDER BY rowid
                    """, arguments: [id]
            ).map { row in
                HistoryEntry(
                    replacedAt: row["replaced_at"], lexiconName: row["lexicon_name"],
                    lexiconVersion: row["lexicon_version"], lexiconHash: row["lexicon_hash"], engine: row["engine"],
                    textHash: row["text_hash"], frame: row["frame"], antiRussian: row["anti_russian"],
                    conciliatory: row["conciliatory"], toneRussia: row["tone_russia"], scoredAt: row["scored_at"])
            }
        }
    }

    /// Runs a read-only query (for the trend queries).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}

/// One article to store: its report and the text it was scored from.
public struct StoredArticle: Sendable {
    /// The report's id, or `sha256:` and the first 16 hex digits of the text's hash when the input
    /// gave none (the same text is then stored once).
    public var id: String
    public var report: Report
    public var text: String
    public var textHash: String
    /// The report as stored (its JSON contract).
    public var reportJSON: String

    public init(report: Report, text: String) {
        let hash = SHA256.hex(Array(text.utf8))
        self.id = report.id ?? "sha256:" + hash.prefix(16)
        self.report = report
        self.text = text
        self.textHash = hash
        self.reportJSON = String(decoding: report.jsonBytes(), as: UTF8.self)
    }

    /// The columns `init(row:)` reads (table alias `a`).
    static let columns = "a.id, a.text, a.text_hash, a.report"

    /// A stored article as read back: the report decoded from its JSON, the hash as stored.
    init(row: Row) throws {
        id = row["id"]
        text = row["text"]
        textHash = row["text_hash"]
        reportJSON = row["report"]
        report = try JSONDecoder().decode(Report.self, from: Data(reportJSON.utf8))
    }
}

/// A scoring that a later one replaced.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public var replacedAt: String
    public var lexiconName: String
    public var lexiconVersion: String
    public var lexiconHash: String
    public var engine: String
    public var textHash: String
    public var frame: String
    public var antiRussian: Double
    public var conciliatory: Double
    public var toneRussia: Double?
    public var scoredAt: String

    enum CodingKeys: String, CodingKey {
        case engine, frame, conciliatory
        case replacedAt = "replaced_at"
        case lexiconName = "lexicon_name"
        case lexiconVersion = "lexicon_version"
        case lexiconHash = "lexicon_hash"
        case textHash = "text_hash"
        case antiRussian = "anti_russian"
        case toneRussia = "tone_russia"
        case scoredAt = "scored_at"
    }
}

/// A row of the dashboard's list of latest articles: what the article table holds, and the whole
/// stored article only when its report is small enough to decode for a list.
public struct LatestArticle: Sendable {
    public var id: String
    public var outlet: String?
    /// `published` as the input gave it.
    public var published: String?
    /// The day read from it (`2025-06-03`), or nil when it had none or could not be read.
    public var day: String?
    public var url: String?
    public var lang: String
    public var frame: String
    public var antiRussian: Double
    public var conciliatory: Double
    public var toneRussia: Double?
    public var sentences: Int
    public var characters: Int
    /// The size of the stored report JSON in bytes.
    public var reportBytes: Int
    /// The article with its decoded report, or nil when the stored report is over the caller's
    /// limit (a 2 MB text has a 35–50 MB report: decoding it takes seconds).
    public var article: StoredArticle?
}

extension MonitorStore {
    /// The columns a ``LatestArticle`` is read from, over a subquery that gives `report_bytes`
    /// (the report's size, worked out once) and `small` (whether it is within `maximumReportBytes`).
    private static func latestSQL(where filter: String, maximumReportBytes: Int, limit: Int = 1) -> String {
        let order = "day IS NULL, day DESC, scored_at DESC, id"
        return """
            SELECT id, outlet, published, day, url, lang, frame, anti_russian, conciliatory, tone_russia, sentences,
              characters, text_hash, report_bytes, report_bytes <= \(maximumReportBytes) AS small,
              CASE WHEN report_bytes <= \(maximumReportBytes) THEN report END AS report,
              CASE WHEN report_bytes <= \(maximumReportBytes) THEN text END AS text
            FROM (SELECT a.*, length(CAST(a.report AS BLOB)) AS report_bytes FROM article a WHERE \(filter)
                  ORDER BY \(order) LIMIT \(limit))
            ORDER BY \(order)
            """
    }

    private static func latestArticle(_ row: Row) throws -> LatestArticle {
        LatestArticle(
            id: row["id"], outlet: row["outlet"], published: row["published"], day: row["day"], url: row["url"],
            lang: row["lang"],
            frame: row["frame"], antiRussian: row["anti_russian"], conciliatory: row["conciliatory"],
            toneRussia: row["tone_russia"], sentences: row["sentences"], characters: row["characters"],
            reportBytes: row["report_bytes"],
            article: (row["small"] as Bool?) == true ? try StoredArticle(row: row) : nil)
    }

    /// The most recently published articles of a selection (undated last), newest first. Reports
    /// over `maximumReportBytes` are not read (``LatestArticle/article`` is nil).
    public func latest(_ query: TrendQuery, limit: Int = 20, maximumReportBytes: Int = 256 << 10) throws
        -> [LatestArticle]
    {
        try read { db in
            let (filter, arguments) = query.filter()
            let sql = Self.latestSQL(
                where: filter, maximumReportBytes: maximumReportBytes, limit: max(1, min(limit, 500)))
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.latestArticle)
        }
    }

    /// One stored article's columns, with its report decoded only when the stored JSON is at most
    /// `maximumReportBytes` (the dashboard's article page).
    public func articleEntry(id: String, maximumReportBytes: Int) throws -> LatestArticle? {
        try read { db in
            let sql = Self.latestSQL(where: "a.id = ?", maximumReportBytes: maximumReportBytes)
            return try Row.fetchOne(db, sql: sql, arguments: [id]).map(Self.latestArticle)
        }
    }

    /// One stored article's report JSON exactly as stored, not decoded (`GET /v1/article` sends it
    /// as it is, however large).
    public func reportJSON(id: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT report FROM article WHERE id = ?", arguments: [id]) }
    }
}
