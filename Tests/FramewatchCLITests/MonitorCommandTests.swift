import Foundation
import XCTest

/// `framewatch batch --db` and `framewatch report`.
final class MonitorCommandTests: XCTestCase {
    static let articles = """
        {"id":"en-1","outlet":"Caspian Wire","published":"2025-06-30","text":"Azerbaijani media called Elmar Mammadyarov a Russian spy and a fifth column."}
        {"id":"ru-1","outlet":"Vesti Kavkaz","published":"2025-07-02","text":"Москва и Баку договорились продолжить диалог и углублять стратегическое партнёрство."}
        {"id":"az-1","outlet":"Gündəm","published":"2025-07-09","text":"Rusiya Azərbaycanın daxili işlərinə qarışır."}
        {"id":"en-2","outlet":"Caspian Wire","text":"An undated wire item about the weather in Baku."}
        {"text": 42}

        """

    func testBatchStoresAndReportSummarises() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        try Data(Self.articles.utf8).write(to: input)
        let db = dir.appendingPathComponent("monitor.sqlite").path

        let first = try CLI.run(["batch", "--input", input.path, "--output", "/dev/null", "--db", db])
        XCTAssertEqual(first.status, 1, "one record had an error")
        XCTAssertTrue(first.stderr.contains("stored in \(db): 4 new, 0 rescored, 0 unchanged"), first.stderr)
        let again = try CLI.run(["batch", "--input", input.path, "--output", "/dev/null", "--db", db])
        XCTAssertTrue(again.stderr.contains("0 new, 0 rescored, 4 unchanged"), again.stderr)

        let json = try CLI.run(["report", "--db", db, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let t = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        XCTAssertEqual(t["documents"] as? Int, 4)
        XCTAssertEqual(t["undated"] as? Int, 1)
        let groups = try XCTUnwrap(t["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["key"] as? String }, ["2025-06-30", "2025-07-07"])
        XCTAssertEqual(groups.map { $0["documents"] as? Int }, [2, 1])

        let outlets = try CLI.run(["report", "--db", db, "--by", "outlet", "--format", "csv"])
        let rows = outlets.lines
        XCTAssertEqual(rows.count, 4, outlets.text)
        XCTAssertTrue(rows[1].hasPrefix("Caspian Wire,,2,"), rows[1])

        let table = try CLI.run(["report", "--db", db, "--from", "2025-07-01", "--outlet", "Gündəm"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.text.hasPrefix("1 article published 2025-07-01 to … · outlets Gündəm"), table.text)
        XCTAssertTrue(table.text.contains("2025-07-07"))

        let figures = try CLI.run(["report", "--db", db, "--format", "csv", "--table", "figures"])
        XCTAssertTrue(
            figures.lines.dropFirst().first?.hasPrefix("elmar_mammadyarov,Elmar Mammadyarov,1,") ?? false, figures.text)
    }

    /// The end summary says how many records have no date and, apart, how many have a
    /// `published` the store cannot read (with the first one); outlet names are stored
    /// normalised, so a padded or broken name joins its outlet in the report.
    func testBatchCountsUnreadableDatesAndNormalisesOutlets() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        try Data(
            """
            {"id":"d1","outlet":"line\\nbreak","published":"2025-13-45","text":"Moscow refused to apologise."}
            {"id":"d2","outlet":"  padded  ","published":"June 5, 2025","text":"Baku closed the Russian House."}
            {"id":"d3","outlet":"padded","published":"20250615","text":"Moscow and Baku agreed to talk."}
            {"id":"d4","outlet":"padded","text":"An undated item about the weather in Baku."}

            """.utf8
        ).write(to: input)
        let db = dir.appendingPathComponent("monitor.sqlite").path
        let run = try CLI.run(["batch", "--input", input.path, "--output", "/dev/null", "--db", db])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(
            run.stderr.contains(
                "stored in \(db): 4 new, 0 rescored, 0 unchanged, 1 undated, "
                    + "2 records with an unreadable published date (first: \"2025-13-45\")"), run.stderr)

        let outlets = try CLI.run(["report", "--db", db, "--by", "outlet", "--format", "csv"])
        XCTAssertEqual(outlets.lines.count, 3, "a header and two outlets: \(outlets.text)")
        XCTAssertTrue(outlets.lines.contains { $0.hasPrefix("padded,,3,") }, outlets.text)
        XCTAssertTrue(outlets.lines.contains { $0.hasPrefix("line break,,1,") }, outlets.text)
        let filtered = try CLI.run(["report", "--db", db, "--outlet", " line\r\nbreak ", "--format", "json"])
        let t = try XCTUnwrap(try JSONSerialization.jsonObject(with: filtered.stdout) as? [String: Any])
        XCTAssertEqual(t["documents"] as? Int, 1, filtered.text)
    }

    /// A feed's epoch timestamp in `published` refused the whole record (`wrong_type`): the
    /// article is now scored and stored, its date counted as unreadable.
    func testANumericPublishedIsAnUnreadableDateNotABadRecord() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("monitor.sqlite").path
        let input = Data("{\"id\":\"e1\",\"published\":1718409600,\"text\":\"Moscow refused to apologise.\"}\n".utf8)
        let run = try CLI.run(["batch", "--db", db], stdin: input)
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = try XCTUnwrap(try run.json().first)
        XCTAssertNil(line["error"], run.text)
        XCTAssertEqual(line["published"] as? String, "1718409600")
        XCTAssertTrue(
            run.stderr.contains("1 record with an unreadable published date (first: \"1718409600\")"), run.stderr)
        let report = try CLI.run(["report", "--db", db])
        XCTAssertTrue(report.text.hasPrefix("1 article · 1 undated"), report.text)
        // Other fields keep their types: a numeric outlet is still a bad record.
        let outlet = try CLI.run(["batch"], stdin: Data("{\"outlet\":5,\"text\":\"Baku.\"}\n".utf8))
        XCTAssertTrue(outlet.text.contains("wrong_type"), outlet.text)
    }

    func testReportRefusesWhatItCannotUse() throws {
        let dir = try temporaryDirectory()
        let missing = try CLI.run(["report", "--db", dir.appendingPathComponent("none.sqlite").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such database"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.sqlite").path))

        let db = dir.appendingPathComponent("m.sqlite").path
        _ = try CLI.run(["batch", "--output", "/dev/null", "--db", db], stdin: Data("{\"text\":\"Baku.\"}\n".utf8))
        let badDate = try CLI.run(["report", "--db", db, "--from", "June"])
        XCTAssertEqual(badDate.status, 2)
        XCTAssertTrue(badDate.stderr.contains("expected a date such as 2025-06-30"), badDate.stderr)
        XCTAssertTrue(badDate.stderr.contains("Usage: framewatch report"), "the report's usage line: \(badDate.stderr)")
        XCTAssertEqual(try CLI.run(["report", "--db", db, "--by", "year"]).status, 2)

        let text = dir.appendingPathComponent("notes.sqlite")
        try Data("not a database at all, but long enough to look like a header".utf8).write(to: text)
        let broken = try CLI.run(
            ["batch", "--output", "/dev/null", "--db", text.path], stdin: Data("{\"text\":\"Baku.\"}\n".utf8))
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("cannot open the database"), broken.stderr)

        // report only reads: a file that is not SQLite (here one byte) is refused and left as is.
        let stray = dir.appendingPathComponent("stray.sqlite")
        try Data("x".utf8).write(to: stray)
        let notSQLite = try CLI.run(["report", "--db", stray.path])
        XCTAssertEqual(notSQLite.status, 2)
        XCTAssertTrue(notSQLite.stderr.contains("not a SQLite database"), notSQLite.stderr)
        XCTAssertEqual(try Data(contentsOf: stray), Data("x".utf8))
        // An empty file (which batch --db fills) and a folder each get their own reason.
        let empty = dir.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let nothing = try CLI.run(["report", "--db", empty.path])
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("is empty: no article is stored yet"), nothing.stderr)
        let folder = try CLI.run(["report", "--db", dir.path])
        XCTAssertEqual(folder.status, 2)
        XCTAssertTrue(folder.stderr.contains("is a folder, not a database file"), folder.stderr)
        // --table picks a CSV table: without --format csv it would be ignored silently.
        let table = try CLI.run(["report", "--db", db, "--table", "figures"])
        XCTAssertEqual(table.status, 2)
        XCTAssertTrue(table.stderr.contains("use it with --format csv"), table.stderr)
    }
}
