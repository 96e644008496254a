import Foundation
import FramewatchCore
import FramewatchStore
import XCTest

/// Trend queries with answers worked out by hand: six articles from a real report whose label,
/// scores, outlet and date are set per article.
final class TrendTests: XCTestCase {
    var directory: URL!
    var store: MonitorStore!
    var base: Report!

    struct Spec {
        var id: String
        var outlet: String?
        var published: String?
        var label: FrameLabel
        var anti: Double
        var conciliatory: Double
        var toneRussia: Double?
    }

    static let specs = [
        Spec(
            id: "a", outlet: "Oxu.az", published: "2025-06-30", label: .antiRussian, anti: 0.8, conciliatory: 0,
            toneRussia: -0.5),
        Spec(
            id: "b", outlet: "Oxu.az", published: "2025-07-02T08:00:00+04:00", label: .conciliatory, anti: 0.1,
            conciliatory: 0.6, toneRussia: 0.2),
        Spec(
            id: "c", outlet: "TASS", published: "01.07.2025", label: .neutral, anti: 0, conciliatory: 0, toneRussia: 0),
        Spec(
            id: "d", outlet: "TASS", published: "Tue, 08 Jul 2025 12:00:00 +0300", label: .antiRussian, anti: 0.4,
            conciliatory: 0.1, toneRussia: -0.1),
        Spec(
            id: "e", outlet: nil, published: "last week", label: .mixed, anti: 0.5, conciliatory: 0.4, toneRussia: nil),
        Spec(
            id: "f", outlet: "Oxu.az", published: "2025-08-15", label: .conciliatory, anti: 0, conciliatory: 0.9,
            toneRussia: 0.4),
    ]

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-trends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try MonitorStore(path: directory.appendingPathComponent("t.sqlite").path)
        let analyzer = try Analyzer(StoreTests.lexicon)
        base = try analyzer.analyze(StoreTests.accusation)
        XCTAssertTrue(base.targets.contains { $0.entity == "russia" })
        var articles: [StoredArticle] = []
        for spec in Self.specs {
            var r = base!
            r.id = spec.id
            r.outlet = spec.outlet
            r.published = spec.published
            r.frame.label = spec.label
            r.frame.scores = ["anti_russian": spec.anti, "conciliatory": spec.conciliatory]
            if let tone = spec.toneRussia {
                for i in r.targets.indices where r.targets[i].entity == "russia" { r.targets[i].tone = tone }
            } else {
                r.targets.removeAll()
                r.entities.removeAll()
            }
            articles.append(StoredArticle(report: r, text: StoredArticle.placeholderText(spec.id)))
        }
        try store.save(articles)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testWeeklyCountsSharesAndMeans() throws {
        let t = try store.trends(TrendQuery(by: .week).validated())
        XCTAssertEqual(t.documents, 6)
        XCTAssertEqual(t.undated, 1)
        XCTAssertEqual(t.groups.map(\.key), ["2025-06-30", "2025-07-07", "2025-08-11"])
        XCTAssertEqual(t.groups.map(\.documents), [3, 1, 1])
        let first = t.groups[0]
        XCTAssertEqual(first.labels, ["anti_russian": 1, "conciliatory": 1, "mixed": 0, "neutral": 1])
        XCTAssertEqual(first.shares["anti_russian"], 0.3333, "shares and means are rounded to 4 decimals")
        XCTAssertEqual(first.means["anti_russian"]!, 0.3, accuracy: 1e-9)
        XCTAssertEqual(first.means["conciliatory"]!, 0.2, accuracy: 1e-9)
        XCTAssertEqual(first.means["tone_russia"]!, -0.1, accuracy: 1e-9)
        XCTAssertEqual(t.groups[1].labels["anti_russian"], 1)
        XCTAssertEqual(t.groups[2].shares["conciliatory"], 1)
    }

    func testMonthlyOutletAndEntityGroupings() throws {
        let months = try store.trends(TrendQuery(by: .month))
        XCTAssertEqual(months.groups.map(\.key), ["2025-06", "2025-07", "2025-08"])
        XCTAssertEqual(months.groups.map(\.documents), [1, 3, 1])

        let outlets = try store.trends(TrendQuery(by: .outlet))
        XCTAssertEqual(outlets.groups.map(\.key), ["Oxu.az", "TASS", ""])
        XCTAssertEqual(outlets.groups.map(\.documents), [3, 2, 1])
        XCTAssertEqual(outlets.groups[0].means["tone_russia"]!, (-0.5 + 0.2 + 0.4) / 3, accuracy: 1e-4)
        XCTAssertEqual(outlets.groups[2].means["tone_russia"], nil, "no article of the group names Russia")

        let entities = try store.trends(TrendQuery(by: .entity))
        let mammadyarov = try XCTUnwrap(entities.groups.first { $0.key == "elmar_mammadyarov" })
        XCTAssertEqual(mammadyarov.documents, 5, "article e names nobody")
        XCTAssertEqual(mammadyarov.name, "Elmar Mammadyarov")
        XCTAssertNotNil(mammadyarov.means["entity_tone"])
    }

    func testFiltersByDateOutletAndLanguage() throws {
        let july = try store.trends(TrendQuery(by: .week, from: "2025-07-01", to: "31.07.2025").validated())
        XCTAssertEqual(july.from, "2025-07-01")
        XCTAssertEqual(july.to, "2025-07-31")
        XCTAssertEqual(july.documents, 3, "b, c, d; the undated article is out once a bound is set")
        XCTAssertEqual(july.undated, 0)
        XCTAssertEqual(july.groups.map(\.key), ["2025-06-30", "2025-07-07"])

        let tass = try store.trends(TrendQuery(by: .outlet, outlets: ["TASS"]))
        XCTAssertEqual(tass.documents, 2)
        XCTAssertEqual(tass.groups.map(\.key), ["TASS"])
        XCTAssertEqual(try store.trends(TrendQuery(by: .outlet, language: "ru")).documents, 0)
        XCTAssertEqual(try store.trends(TrendQuery(by: .outlet, language: "en")).documents, 6)

        XCTAssertThrowsError(try TrendQuery(from: "2025-08-01", to: "2025-07-01").validated())
        XCTAssertThrowsError(try TrendQuery(from: "soon").validated())
        XCTAssertThrowsError(try TrendQuery(language: "de").validated())
    }

    func testFlaggedFiguresAndTopCues() throws {
        let t = try store.trends(TrendQuery(by: .week))
        let accused = base.entities.first { $0.id == "elmar_mammadyarov" }!
        let figure = try XCTUnwrap(t.flagged.first)
        XCTAssertEqual(figure.id, "elmar_mammadyarov")
        XCTAssertEqual(figure.articles, 5)
        XCTAssertEqual(figure.accusations, 5 * accused.accusations.count)
        XCTAssertEqual(figure.subframes.values.reduce(0, +), figure.accusations)
        XCTAssertEqual(Set(figure.examples), Set(accused.accusations.map(\.text)))

        let frameCues = base.sentences.flatMap(\.evidence).filter { $0.category.hasPrefix("anti_russian.") }
        let top = try XCTUnwrap(t.cues.first { $0.category.hasPrefix("anti_russian.") })
        let expected = frameCues.filter { $0.text.lowercased() == top.text && $0.category == top.category }.count
        XCTAssertEqual(top.count, 6 * expected)
        XCTAssertEqual(top.articles, 6)
        XCTAssertEqual(t.lexicons.map(\.documents), [6])
    }

    func testCSVAndTableOutput() throws {
        let t = try store.trends(TrendQuery(by: .week))
        let csv = t.csv(.groups).split(separator: "\n")
        XCTAssertEqual(csv.count, 4)
        XCTAssertTrue(csv[0].hasPrefix("key,name,documents,anti_russian_n,conciliatory_n,mixed_n,neutral_n"))
        XCTAssertTrue(csv[1].hasPrefix("2025-06-30,,3,1,1,0,1,0.333,0.333,0.000,0.333,0.300,0.200,"), String(csv[1]))
        let figures = t.csv(.figures).split(separator: "\n")
        XCTAssertTrue(figures[1].hasPrefix("elmar_mammadyarov,Elmar Mammadyarov,5,"))
        let table = t.table()
        XCTAssertTrue(table.hasPrefix("6 articles · 1 undated (not in the weekly rows)\n"), table)
        XCTAssertTrue(table.contains("2025-06-30     3      33%      33%     0%      33%"), table)
        XCTAssertTrue(table.contains("Watch-listed figures named (most accused first)"))
        XCTAssertTrue(table.contains("Elmar Mammadyarov"))
    }

    func testCSVNeutralisesSpreadsheetFormulasFromScrapedFields() throws {
        // An outlet name from scraped input must not run as a formula in a spreadsheet.
        var r = base!
        r.id = "formula"
        r.outlet = "=cmd|' /C calc'!A0"
        r.published = "2025-07-01"
        try store.save([StoredArticle(report: r, text: StoredArticle.placeholderText("formula"))])
        let csv = try store.trends(TrendQuery(by: .outlet)).csv(.groups)
        XCTAssertTrue(csv.contains("\n'=cmd|' /C calc'!A0,"), csv)
        XCTAssertFalse(csv.contains("\n=cmd"), csv)
        XCTAssertEqual(ReportCSV.field("-1.5"), "-1.5", "numbers stay numbers")
        XCTAssertEqual(ReportCSV.field("@SUM(A1), x"), "\"'@SUM(A1), x\"")
    }

    func testALongOrBidiOutletNameCannotStretchOrDisguiseTheTable() throws {
        // A 5,000-character outlet is cut at 60 characters in the table (the CSV keeps it whole),
        // and a right-to-left override cannot make "\u{202E}az.uxO" display as "Oxu.az": the
        // store drops it with the other format characters (see OutletName), so the name reads in
        // its stored order.
        for (id, outlet) in [("long", String(repeating: "Outlet ", count: 700)), ("bidi", "\u{202E}az.uxO")] {
            var r = base!
            r.id = id
            r.outlet = outlet
            r.published = "2025-07-01"
            try store.save([StoredArticle(report: r, text: StoredArticle.placeholderText(id))])
        }
        let trends = try store.trends(TrendQuery(by: .outlet))
        let table = trends.table()
        XCTAssertLessThan(table.split(separator: "\n").map(\.count).max() ?? 0, 200, table)
        XCTAssertTrue(table.contains(String(repeating: "Outlet ", count: 9).prefix(59) + "…"), table)
        XCTAssertFalse(table.contains("\u{202E}"))
        XCTAssertTrue(table.contains("\naz.uxO "), table)
        // (Whole but for its trailing space: outlet names are stored trimmed.)
        XCTAssertTrue(trends.csv(.groups).contains(String(repeating: "Outlet ", count: 699) + "Outlet,"))
        // The dashboard and the HTML report escape through the same function.
        XCTAssertEqual(HTMLReport.escape("\u{202E}az.uxO <b>"), "\u{FFFD}az.uxO &lt;b&gt;")
    }

    func testSeriesPerOutletForTheDashboard() throws {
        let series = try store.series(TrendQuery(by: .week)).series
        // Only the busiest outlets are computed when a limit is given (the dashboard draws 8).
        let top = try store.series(TrendQuery(by: .week), limit: 1)
        XCTAssertEqual(top.outlets, 2)
        XCTAssertEqual(top.series.map(\.outlet), [series[0].outlet])
        XCTAssertEqual(series.map(\.outlet), ["Oxu.az", "TASS"], "the undated article has no week")
        XCTAssertEqual(series[0].groups.map(\.key), ["2025-06-30", "2025-08-11"])
        XCTAssertEqual(series[1].groups.map(\.key), ["2025-06-30", "2025-07-07"])
        XCTAssertEqual(try store.outlets(), ["Oxu.az", "TASS", ""])
        let latest = try store.latest(TrendQuery(), limit: 3)
        XCTAssertEqual(latest.map(\.id), ["f", "d", "b"])
        XCTAssertTrue(
            latest.allSatisfy { $0.article?.id == $0.id && $0.frame == $0.article?.report.frame.label.rawValue })
        // A report over the list's limit is not decoded; the row keeps what the table holds.
        let light = try store.latest(TrendQuery(), limit: 3, maximumReportBytes: 10)
        XCTAssertEqual(light.map(\.id), ["f", "d", "b"])
        XCTAssertTrue(light.allSatisfy { $0.article == nil && $0.characters > 0 })
        // One article for its page: decoded within the limit; over it, its columns and the report's size.
        let full = try XCTUnwrap(try store.articleEntry(id: "d", maximumReportBytes: 1 << 20))
        XCTAssertEqual(full.article?.id, "d")
        let summary = try XCTUnwrap(try store.articleEntry(id: "d", maximumReportBytes: 10))
        XCTAssertNil(summary.article)
        XCTAssertEqual(summary.frame, full.frame)
        XCTAssertEqual(summary.antiRussian, full.article?.report.frame.scores["anti_russian"])
        XCTAssertEqual(summary.reportBytes, try XCTUnwrap(try store.reportJSON(id: "d")).utf8.count)
        XCTAssertNil(try store.articleEntry(id: "nope", maximumReportBytes: 10))
        XCTAssertNil(try store.reportJSON(id: "nope"))
    }
}

extension StoredArticle {
    /// A distinct text per synthetic article (its id is what keys it).
    static func placeholderText(_ id: String) -> String { StoreTests.accusation + " [\(id)]" }
}
