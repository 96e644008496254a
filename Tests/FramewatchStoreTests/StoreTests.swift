import Foundation
import FramewatchCore
import FramewatchStore
import GRDB
import XCTest

/// The store on real SQLite files (one per test, removed afterwards), with reports from the real
/// analyzer over the Core tests' fixed mini pack (the default pack changes as it is tuned; these
/// answers must not).
final class StoreTests: XCTestCase {
    static let miniPack = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FramewatchCoreTests/Fixtures/mini-pack").path
    nonisolated(unsafe) static let lexicon: CompiledLexicon = try! CompiledLexicon(
        LexiconPack.load(directory: miniPack))

    static let allMigrations = [
        "v1-articles", "v2-history", "v3-outlet-names", "v4-outlet-format-characters", "v5-published-dates",
        "v6-entity-listed",
    ]

    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func databasePath(_ name: String = "monitor.sqlite") -> String { directory.appendingPathComponent(name).path }

    func analyze(_ text: String, id: String, outlet: String? = nil, published: String? = nil) throws -> StoredArticle {
        let analyzer = try Analyzer(Self.lexicon)
        let report = try analyzer.analyze(text, meta: DocumentMeta(id: id, outlet: outlet, published: published))
        return StoredArticle(report: report, text: text)
    }

    func testAPersonTheGazetteerDoesNotListIsStoredAsUnlisted() throws {
        // The default pack's given-name lists find "Sergiy Kyun"; the store keeps the report's
        // `"listed": false` in `entity.listed` (v6).
        let pack = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lexicons/russia-azerbaijan").path
        let analyzer = try Analyzer(CompiledLexicon(LexiconPack.load(directory: pack)))
        let text = "Sergiy Kyun said a Russian strike destroyed the SOCAR depot near Odesa."
        let report = try analyzer.analyze(text, meta: DocumentMeta(id: "k1"))
        let store = try MonitorStore(path: databasePath())
        _ = try store.save([StoredArticle(report: report, text: text)])
        let queue = try DatabaseQueue(path: databasePath())
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT entity_id, listed FROM entity WHERE article_id = 'k1' ORDER BY entity_id")
        }
        let listed = Dictionary(uniqueKeysWithValues: rows.map { ($0["entity_id"] as String, $0["listed"] as Int) })
        XCTAssertEqual(listed["sergiy_kyun"], 0)
        XCTAssertEqual(listed["socar"], 1)
        XCTAssertEqual(listed["odesa"], 1)
    }

    static let accusation = """
        Azerbaijani media called Elmar Mammadyarov one of the spies of Russia and a fifth column. \
        Moscow denied any interference.
        """
    static let russian = "Мамедъяров назвал обвинения в шпионаже абсурдными. Москва и Баку продолжают диалог."
    static let azerbaijani = "Məmmədyarov Rusiyanın casusu adlandırılıb."

    // MARK: migrations

    func testOpeningAnEmptyFileCreatesTheSchemaInWALMode() throws {
        let store = try MonitorStore(path: databasePath())
        XCTAssertEqual(try store.appliedMigrations(), Self.allMigrations)
        XCTAssertEqual(Schema.currentVersion, "v6-entity-listed")
        XCTAssertEqual(try store.count(), 0)
        let queue = try DatabaseQueue(path: databasePath())
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        // Opening again runs nothing twice.
        XCTAssertEqual(
            try MonitorStore(path: databasePath()).appliedMigrations(),
            Self.allMigrations)
    }

    func testUpgradesADatabaseOfThePreviousVersionKeepingItsArticles() throws {
        // A file as the first schema left it, with one article already scored.
        let old = try analyze(Self.accusation, id: "a1", outlet: "Oxu.az", published: "2025-01-08")
        let queue = try DatabaseQueue(path: databasePath())
        try Schema.migrator.migrate(queue, upTo: "v1-articles")
        try queue.write { db in
            let r = old.report
            try db.execute(
                sql: """
                    INSERT INTO article (id, outlet, url, published, day, week, month, lang, text, text_hash,
                      lexicon_name, lexicon_version, lexicon_hash, engine, frame, anti_russian, conciliatory,
                      sentiment, tone_russia, tone_azerbaijan, sentences, characters, report, scored_at)
                    VALUES ('a1', 'Oxu.az', NULL, '2025-01-08', '2025-01-08', '2025-01-06', '2025-01', 'en', ?, ?,
                      'mini', '0.9', 'sha256:old', 'framewatch 0.0.9', 'anti_russian', 0.5, 0.0, -0.2, -0.4, NULL,
                      2, 120, ?, '2025-01-08T10:00:00Z')
                    """, arguments: [old.text, old.textHash, old.reportJSON])
        }
        try queue.close()

        let store = try MonitorStore(path: databasePath())
        XCTAssertEqual(try store.appliedMigrations(), Self.allMigrations)
        XCTAssertEqual(try store.count(), 1)
        XCTAssertEqual(try store.trends(TrendQuery(by: .week)).groups.map(\.key), ["2025-01-06"])

        // The new table works on the upgraded file: rescoring keeps the old pack's hash.
        let summary = try store.save([old])
        XCTAssertEqual(summary, MonitorStore.SaveSummary(inserted: 0, replaced: 1, unchanged: 0))
        let history = try store.history(id: "a1")
        XCTAssertEqual(history.map(\.lexiconHash), ["sha256:old"])
        XCTAssertEqual(history.first?.engine, "framewatch 0.0.9")
        XCTAssertEqual(history.first?.scoredAt, "2025-01-08T10:00:00Z")
    }

    /// A file written before outlet names were normalised: the upgrade rewrites the raw names,
    /// so that the old articles join the new ones of the same outlet.
    func testUpgradeNormalisesOutletNamesStoredRaw() throws {
        let queue = try DatabaseQueue(path: databasePath())
        try Schema.migrator.migrate(queue, upTo: "v2-history")
        for (id, outlet) in [("a1", " Oxu.az\n"), ("a2", "Oxu.az"), ("a3", "Caspian\r\n\tWire")] {
            let article = try analyze(Self.accusation, id: id, outlet: outlet, published: "2025-01-08")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO article (id, outlet, lang, text, text_hash, lexicon_name, lexicon_version,
                          lexicon_hash, engine, frame, anti_russian, conciliatory, sentiment, sentences, characters,
                          report, scored_at)
                        VALUES (?, ?, 'en', ?, ?, 'mini', '0.9', 'sha256:old', 'framewatch 0.0.9', 'anti_russian',
                          0.5, 0.0, -0.2, 2, 120, ?, '2025-01-08T10:00:00Z')
                        """, arguments: [id, outlet, article.text, article.textHash, article.reportJSON])
            }
        }
        try queue.close()

        let store = try MonitorStore(path: databasePath())
        XCTAssertEqual(try store.outlets(), ["Oxu.az", "Caspian Wire"])
        let byOutlet = try store.trends(TrendQuery(by: .outlet).validated())
        XCTAssertEqual(byOutlet.groups.map(\.key).sorted(), ["Caspian Wire", "Oxu.az"])
        XCTAssertEqual(byOutlet.groups.first { $0.key == "Oxu.az" }?.documents, 2)
    }

    /// A file written before format characters were dropped from outlet names: the upgrade
    /// rewrites "\u{FEFF}Oxu.az" and "Oxu.az\u{200B}", which looked like "Oxu.az" but were
    /// outlets of their own.
    func testUpgradeDropsFormatCharactersFromStoredOutletNames() throws {
        let queue = try DatabaseQueue(path: databasePath())
        try Schema.migrator.migrate(queue, upTo: "v3-outlet-names")
        for (id, outlet) in [("a1", "\u{FEFF}Oxu.az"), ("a2", "Oxu.az\u{200B}"), ("a3", "Oxu.az"), ("a4", "\u{200F}")] {
            try insertRaw(queue, id: id, outlet: outlet, published: "2025-01-08", day: "2025-01-08")
        }
        try queue.close()

        let store = try MonitorStore(path: databasePath())
        XCTAssertEqual(try store.appliedMigrations(), Self.allMigrations)
        XCTAssertEqual(try store.outlets(), ["Oxu.az", ""])
        let byOutlet = try store.trends(TrendQuery(by: .outlet).validated())
        XCTAssertEqual(byOutlet.groups.first { $0.key == "Oxu.az" }?.documents, 3)
    }

    /// A store written before `20250615` was read kept that article undated, and saving it again
    /// changes nothing ("unchanged"): the upgrade re-reads every stored `published`, dating what
    /// is now read and undating what no longer is (a signed year).
    func testUpgradeRereadsPublishedDatesStoredBeforeTheirFormatWasRead() throws {
        let store = try MonitorStore(path: databasePath())
        try store.save([
            try analyze(Self.accusation, id: "b1", published: "20250615"),
            try analyze(Self.accusation, id: "b2", published: "-2025-06-15"),
            try analyze(Self.accusation, id: "b3", published: "2025-06-16"),
        ])
        // The old state, as an older Framewatch left it.
        let queue = try DatabaseQueue(path: databasePath())
        try queue.write { db in
            try db.execute(sql: "UPDATE article SET day = NULL, week = NULL, month = NULL WHERE id = 'b1'")
            try db.execute(
                sql: "UPDATE article SET day = '2025-06-15', week = '2025-06-09', month = '2025-06' WHERE id = 'b2'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-published-dates'")
        }
        try queue.close()
        let reopened = try MonitorStore(path: databasePath())
        XCTAssertEqual(try reopened.articleEntry(id: "b1", maximumReportBytes: 0)?.day, "2025-06-15")
        XCTAssertNil(try reopened.articleEntry(id: "b2", maximumReportBytes: 0)?.day)
        XCTAssertEqual(try reopened.articleEntry(id: "b3", maximumReportBytes: 0)?.day, "2025-06-16")
        let weekly = try reopened.trends(TrendQuery(by: .week))
        XCTAssertEqual(weekly.groups.map(\.key), ["2025-06-09", "2025-06-16"])
        XCTAssertEqual(weekly.undated, 1)
    }

    /// One article row with the given outlet and date columns, written as an older schema would.
    func insertRaw(_ queue: DatabaseQueue, id: String, outlet: String?, published: String?, day: String?) throws {
        let article = try analyze(Self.accusation, id: id, outlet: outlet, published: published)
        let date = day.flatMap(PublishedDate.init(parsing:))
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO article (id, outlet, published, day, week, month, lang, text, text_hash,
                      lexicon_name, lexicon_version, lexicon_hash, engine, frame, anti_russian, conciliatory,
                      sentiment, sentences, characters, report, scored_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'en', ?, ?, 'mini', '0.9', 'sha256:old', 'framewatch 0.0.9',
                      'anti_russian', 0.5, 0.0, -0.2, 2, 120, ?, '2025-01-08T10:00:00Z')
                    """,
                arguments: [
                    id, outlet, published, date?.dayKey, date?.weekKey, date?.monthKey, article.text,
                    article.textHash, article.reportJSON,
                ])
        }
    }

    // MARK: saving

    /// A byte-order mark, a zero-width space or bidi marks stuck to a name (CSV and feed
    /// debris) made look-alike outlets; a name of format characters only looked blank but was
    /// not "no outlet".
    func testOutletNamesThatDifferOnlyByInvisibleCharactersAreOneOutlet() throws {
        let store = try MonitorStore(path: databasePath())
        let outlets = [
            "Oxu.az", "Oxu.az\u{200B}", "\u{FEFF}Oxu.az", "\u{200F}Oxu.az\u{200F}", "\u{200B}", "\u{200F}\u{200E}",
            "\u{202E}za.uxO",
        ]
        try store.save(
            try outlets.enumerated().map { n, outlet in
                try analyze(Self.accusation, id: "i\(n)", outlet: outlet, published: "2025-01-08")
            })
        XCTAssertEqual(try store.outlets(), ["Oxu.az", "", "za.uxO"])
        let grouped = try store.trends(TrendQuery(by: .outlet).validated())
        XCTAssertEqual(grouped.groups.first { $0.key == "Oxu.az" }?.documents, 4)
        XCTAssertEqual(grouped.groups.first { $0.key == "" }?.documents, 2, "blank-looking names are no outlet")
        // A filter typed with the same debris selects the outlet too.
        let query = try TrendQuery(by: .week, outlets: ["\u{FEFF}Oxu.az\u{2060}"]).validated()
        XCTAssertEqual(try store.trends(query).documents, 4)
    }

    func testOutletNameDropsFormatCharactersButKeepsJoinersInsideAName() {
        XCTAssertEqual(OutletName.normalized("\u{FEFF}Oxu.az\u{200B}"), "Oxu.az")
        XCTAssertEqual(OutletName.normalized("\u{200E}Oxu\u{2060}.az\u{2069}"), "Oxu.az")
        XCTAssertEqual(OutletName.normalized("\u{202E}za.uxO\u{202C}"), "za.uxO", "logical order, not as displayed")
        XCTAssertEqual(OutletName.normalized("\u{2066}APA \u{200B} News\u{2069}"), "APA News")
        XCTAssertEqual(OutletName.normalized("\u{200B}\u{200F}\u{FEFF}"), "")
        // A joiner inside a name changes how it looks (an emoji sequence); at an end it joins nothing.
        XCTAssertEqual(OutletName.normalized("👩\u{200D}💻 Daily"), "👩\u{200D}💻 Daily")
        XCTAssertEqual(OutletName.normalized("\u{200D}Daily\u{200C}"), "Daily")
        XCTAssertEqual(OutletName.normalized("a \u{200D}b"), "a b")
    }

    /// Feeds carry source names with padding and line breaks: stored raw, "  padded  " was an
    /// outlet of its own and "line\nbreak" broke the report's rows and could not be ticked on the
    /// dashboard (the browser sends it back as "line\r\nbreak").
    func testOutletNamesAreNormalisedOnIngestAndInFilters() throws {
        let store = try MonitorStore(path: databasePath())
        try store.save([
            try analyze(Self.accusation, id: "o1", outlet: "line\nbreak", published: "2025-01-08"),
            try analyze(Self.accusation, id: "o2", outlet: "  padded  ", published: "2025-01-08"),
            try analyze(Self.russian, id: "o3", outlet: "padded", published: "2025-01-09"),
            try analyze(
                Self.azerbaijani, id: "o4", outlet: "Tab\t\u{0}bed\u{00A0}\u{2028}name", published: "2025-01-09"),
        ])
        XCTAssertEqual(try store.outlets(), ["padded", "Tab bed name", "line break"])
        let grouped = try store.trends(TrendQuery(by: .outlet).validated())
        XCTAssertEqual(grouped.groups.map(\.key).sorted(), ["Tab bed name", "line break", "padded"])

        // Filters are normalised the same way: as a browser sends them, padded, or clean.
        for (filter, expected) in [("line\r\nbreak", 1), ("line break", 1), ("  padded  ", 2), ("padded", 2)] {
            let query = try TrendQuery(by: .week, outlets: [filter]).validated()
            XCTAssertEqual(try store.trends(query).documents, expected, filter.debugDescription)
        }
        // The same outlet given twice in two spellings selects it once, and the query names it
        // as stored.
        let twice = try TrendQuery(by: .week, outlets: ["padded", " padded\n"]).validated()
        XCTAssertEqual(twice.outlets, ["padded"])
        XCTAssertEqual(try store.latest(twice).map(\.id).sorted(), ["o2", "o3"])

        // The stored report keeps the input's spelling, as the batch output does.
        XCTAssertEqual(try store.article(id: "o2")?.report.outlet, "  padded  ")
    }

    func testOutletNameTrimsAndCollapsesWhitespaceAndControlCharacters() {
        XCTAssertEqual(OutletName.normalized("  Caspian\r\n Wire\t"), "Caspian Wire")
        XCTAssertEqual(OutletName.normalized("\u{0}\u{7F}\u{85}APA\u{3000}"), "APA")
        XCTAssertEqual(OutletName.normalized(" \n\t "), "")
        // Letters of any script and format characters (a zero-width joiner) are kept.
        XCTAssertEqual(OutletName.normalized("Лента.ру"), "Лента.ру")
        XCTAssertEqual(OutletName.normalized("a\u{200D}b"), "a\u{200D}b")
    }

    /// Undated articles and articles whose date could not be read are both kept out of the weekly
    /// series, but the second can be fixed in the feed, so the save counts them apart.
    func testSaveCountsUndatedAndUnreadableDatesApart() throws {
        let store = try MonitorStore(path: databasePath())
        let summary = try store.save([
            try analyze(Self.accusation, id: "d1", published: "2025-01-08"),
            try analyze(Self.accusation, id: "d2"),
            try analyze(Self.accusation, id: "d3", published: "  "),
            try analyze(Self.accusation, id: "d4", published: "2025-13-45"),
            try analyze(Self.accusation, id: "d5", published: "June 5th"),
            try analyze(Self.accusation, id: "d6", published: "20250615"),
        ])
        XCTAssertEqual(
            summary,
            MonitorStore.SaveSummary(
                inserted: 6, replaced: 0, unchanged: 0, undated: 2, unreadableDates: 2,
                firstUnreadableDate: "2025-13-45"))
        var total = MonitorStore.SaveSummary()
        total.add(summary)
        total.add(MonitorStore.SaveSummary(unchanged: 1, unreadableDates: 1, firstUnreadableDate: "later"))
        XCTAssertEqual(total.unreadableDates, 3)
        XCTAssertEqual(total.firstUnreadableDate, "2025-13-45")
        XCTAssertEqual(try store.trends(TrendQuery(by: .week)).undated, 4)
    }

    func testStoresEveryPartOfARealReportInThreeLanguages() throws {
        let store = try MonitorStore(path: databasePath())
        let articles = [
            try analyze(Self.accusation, id: "en-1", outlet: "Report.az", published: "2025-01-08"),
            try analyze(Self.russian, id: "ru-1", outlet: "Vesti.az", published: "08.01.2025"),
            try analyze(Self.azerbaijani, id: "az-1", outlet: "Oxu.az", published: "Wed, 08 Jan 2025 10:00:00 +0400"),
        ]
        XCTAssertEqual(try store.save(articles), MonitorStore.SaveSummary(inserted: 3, replaced: 0, unchanged: 0))

        for original in articles {
            let stored = try XCTUnwrap(try store.article(id: original.id))
            XCTAssertEqual(stored.text, original.text)
            // The stored JSON is the contract (numbers to 4 decimals) and decodes back to it.
            XCTAssertEqual(stored.reportJSON, original.reportJSON)
            XCTAssertEqual(stored.report.jsonBytes(), original.report.jsonBytes())
            XCTAssertEqual(stored.report.entities.map(\.id), original.report.entities.map(\.id))
        }
        let queue = try DatabaseQueue(path: databasePath())
        try queue.read { db in
            // Every dated article lands in the week of Monday 2025-01-06, whatever the date format.
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT DISTINCT week FROM article"), ["2025-01-06"])
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT lang FROM article ORDER BY id"), ["az", "en", "ru"])
            // Mammadyarov is found in all three scripts and is on the mini pack's watch list.
            let named = try String.fetchAll(
                db,
                sql: "SELECT article_id FROM entity WHERE entity_id = 'elmar_mammadyarov' AND flagged = 1 ORDER BY 1")
            XCTAssertEqual(named, ["az-1", "en-1", "ru-1"])
            // The accusations attributed to him in English are stored with their text.
            let accused = try String.fetchAll(
                db,
                sql: "SELECT text FROM accusation WHERE article_id = 'en-1' AND kind = 'accusation' ORDER BY start")
            let report = articles[0].report
            let expected = report.entities.first { $0.id == "elmar_mammadyarov" }!.accusations.map(\.text)
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(accused, expected)
            // Every framing cue of the report is a cue row; sentiment words are not.
            let cues = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cue WHERE article_id = 'en-1'")
            let frameEvidence = report.sentences.flatMap(\.evidence).filter { $0.category != "sentiment" }
            XCTAssertGreaterThan(frameEvidence.count, 0)
            XCTAssertEqual(cues, frameEvidence.count)
            let subframes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subframe WHERE article_id = 'en-1'")
            XCTAssertEqual(subframes, report.frame.subframes.count)
        }
    }

    func testRescoringIsIdempotentAndANewPackKeepsHistory() throws {
        let store = try MonitorStore(path: databasePath())
        let article = try analyze(Self.accusation, id: "en-1", outlet: "Report.az", published: "2025-01-08")
        try store.save([article], now: Date(timeIntervalSince1970: 1_736_300_000))
        let before = try snapshot()
        XCTAssertEqual(
            try store.save([article], now: Date(timeIntervalSince1970: 1_736_400_000)),
            MonitorStore.SaveSummary(inserted: 0, replaced: 0, unchanged: 1))
        XCTAssertEqual(try snapshot(), before, "the same scoring twice changes nothing, not even scored_at")
        XCTAssertEqual(try store.history(id: "en-1"), [])

        // The same id scored with another pack: replaced in place, children not duplicated.
        var rescored = article
        rescored.report.lexicon.version = "2.0.0"
        rescored.report.lexicon.hash = "sha256:new"
        rescored = StoredArticle(report: rescored.report, text: article.text)
        XCTAssertEqual(
            try store.save([rescored], now: Date(timeIntervalSince1970: 1_736_500_000)),
            MonitorStore.SaveSummary(inserted: 0, replaced: 1, unchanged: 0))
        let after = try snapshot()
        XCTAssertEqual(after["article"], "1")
        XCTAssertEqual(after["cue"], before["cue"])
        XCTAssertEqual(after["entity"], before["entity"])
        XCTAssertEqual(after["accusation"], before["accusation"])
        let history = try store.history(id: "en-1")
        XCTAssertEqual(history.map(\.lexiconHash), [article.report.lexicon.hash])
        XCTAssertEqual(history.first?.scoredAt, "2025-01-08T01:33:20Z")
        XCTAssertEqual(try store.article(id: "en-1")?.report.lexicon.hash, "sha256:new")
    }

    func testAnArticleWithoutIdIsKeyedByItsText() throws {
        let store = try MonitorStore(path: databasePath())
        let analyzer = try Analyzer(Self.lexicon)
        let report = try analyzer.analyze(Self.russian)
        let article = StoredArticle(report: report, text: Self.russian)
        XCTAssertTrue(article.id.hasPrefix("sha256:"))
        XCTAssertEqual(article.id.count, "sha256:".count + 16)
        try store.save([article, StoredArticle(report: report, text: Self.russian)])
        XCTAssertEqual(try store.count(), 1)
    }

    func testReadersNeverSeeHalfASave() throws {
        let path = databasePath()
        let store = try MonitorStore(path: path)
        let base = try analyze(Self.accusation, id: "x")
        let batches = 20
        let writer = Thread {
            for b in 0..<batches {
                let batch = (0..<10).map { i -> StoredArticle in
                    var report = base.report
                    report.id = "doc-\(b)-\(i)"
                    return StoredArticle(report: report, text: base.text)
                }
                try! store.save(batch)
            }
        }
        writer.start()
        let reader = try DatabaseQueue(path: path)
        var observations = 0
        while true {
            let (articles, cues) = try reader.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cue") ?? -1
                )
            }
            XCTAssertEqual(articles % 10, 0, "a reader saw part of a transaction")
            XCTAssertEqual(
                cues, articles * base.report.sentences.flatMap(\.evidence).filter { $0.category != "sentiment" }.count)
            observations += 1
            if articles == batches * 10 { break }
        }
        XCTAssertGreaterThan(observations, 0)
    }

    /// Row counts per table.
    func snapshot() throws -> [String: String] {
        let queue = try DatabaseQueue(path: databasePath())
        defer { try? queue.close() }
        return try queue.read { db in
            var counts: [String: String] = [:]
            for table in ["article", "subframe", "target", "entity", "accusation", "cue", "history"] {
                counts[table] = String(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1)
            }
            counts["scored_at"] = try String.fetchAll(db, sql: "SELECT scored_at FROM article").joined(separator: ",")
            return counts
        }
    }
}
