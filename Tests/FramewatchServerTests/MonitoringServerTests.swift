import Foundation
import XCTest

/// `framewatch serve --db`: documents scored through the API are stored, and the trends, stored
/// articles and dashboard are served from the same database.
final class MonitoringServerTests: XCTestCase {
    func testScoredDocumentsAreStoredAndSummarised() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-serve-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("monitor.sqlite").path
        let server = try ServerHarness(["--db", db])
        defer { server.stop() }

        let one = try server.json(
            "/v1/analyze",
            [
                "id": "en-1", "outlet": "Caspian Wire", "published": "2025-07-01",
                "text": "Azerbaijani media called Elmar Mammadyarov a Russian spy and a fifth column.",
            ])
        XCTAssertEqual(one.status, 200, one.text)
        let batch = try server.request(
            "POST", "/v1/analyze/batch",
            body: Data(
                """
                {"id":"ru-1","outlet":"Vesti Kavkaz","published":"02.07.2025","text":"Москва и Баку договорились продолжить диалог."}
                {"id":"az-1","outlet":"Gündəm","published":"Tue, 08 Jul 2025 10:00:00 +0400","text":"Rusiya Azərbaycanın daxili işlərinə qarışır."}
                not json

                """.utf8), contentType: "application/x-ndjson")
        XCTAssertEqual(batch.lines.count, 3)

        let trends = try server.request("GET", "/v1/trends?by=week")
        XCTAssertEqual(trends.status, 200, trends.text)
        let t = try trends.json()
        XCTAssertEqual(t["documents"] as? Int, 3, "the malformed line stores nothing")
        let groups = try XCTUnwrap(t["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["key"] as? String }, ["2025-06-30", "2025-07-07"])
        XCTAssertEqual(groups.map { $0["documents"] as? Int }, [2, 1])
        let flagged = try XCTUnwrap(t["flagged"] as? [[String: Any]])
        XCTAssertEqual(flagged.first?["id"] as? String, "elmar_mammadyarov")

        // Form encoding: "+" is a space, as a browser sends the dashboard's filters.
        let wire = try server.request("GET", "/v1/trends?by=outlet&outlet=Caspian+Wire&outlet=G%C3%BCnd%C9%99m")
        XCTAssertEqual(try wire.json()["documents"] as? Int, 2, wire.text)

        let article = try server.request("GET", "/v1/article?id=ru-1")
        XCTAssertEqual(article.status, 200)
        let stored = try article.json()
        XCTAssertEqual((stored["report"] as? [String: Any])?["lang"] as? String, "ru")
        XCTAssertEqual((stored["history"] as? [Any])?.count, 0)
        XCTAssertEqual(try server.request("GET", "/v1/article?id=missing").status, 404)
        XCTAssertEqual(try server.request("GET", "/v1/article").status, 422)
        let bad = try server.request("GET", "/v1/trends?from=2025-13-01")
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual(try bad.json()["code"] as? String, "invalid_query")

        let page = try server.request("GET", "/dashboard")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.headers["content-security-policy"]?.contains("default-src 'none'") ?? false)
        XCTAssertEqual(
            page.text.components(separatedBy: "<g class=\"series").count - 1, 2 * 4, "all + 3 outlets, 2 charts")
        // The outlets' series are drawn lighter than "All selected".
        XCTAssertEqual(page.text.components(separatedBy: "<g class=\"series outlet\"").count - 1, 2 * 3)
        XCTAssertTrue(page.text.contains("Elmar Mammadyarov"))
        XCTAssertFalse(page.text.contains("<script"), "no scripts")
        let badFilter = try server.request("GET", "/dashboard?by=entity")
        XCTAssertEqual(badFilter.status, 422)
        XCTAssertTrue(badFilter.headers["content-type"]?.hasPrefix("text/html") ?? false, "a page for the browser")
        XCTAssertTrue(badFilter.text.contains("<a href=\"/dashboard\">"), badFilter.text)
        let html = try server.request("GET", "/dashboard/article?id=az-1")
        XCTAssertEqual(html.status, 200)
        XCTAssertTrue(html.text.contains("Rusiya"))
        // The page says where the article is from, names its targets and shows scores alike.
        XCTAssertTrue(html.text.contains("<tr><th>Outlet</th><td>Gündəm</td></tr>"), html.text)
        XCTAssertTrue(html.text.contains("<tr><th>Published</th><td>Tue, 08 Jul 2025 10:00:00 +0400</td></tr>"))
        XCTAssertTrue(html.text.contains("Tone toward Russia"), "the target's name, not its id")
        XCTAssertTrue(html.text.contains("<tr><th>Conciliatory</th><td>0.00</td></tr>"), "two decimals, not 0.0")
        // It leads back to the dashboard, and its title is the id and the headline.
        XCTAssertTrue(html.text.contains("<a href=\"/dashboard\">← Back to the dashboard</a>"), html.text)
        XCTAssertTrue(html.text.contains("<title>az-1 — "), html.text)
        // The summary names the pack by version and hash (two packs can share a version).
        XCTAssertTrue(page.text.contains("scored with russia-azerbaijan "), page.text)
        XCTAssertTrue(page.text.contains("<code>sha256:"), page.text)
        // A browser gets an HTML page for a missing or unknown article, not a problem document.
        for (path, status) in [("/dashboard/article?id=missing", 404), ("/dashboard/article", 422)] {
            let missing = try server.request("GET", path)
            XCTAssertEqual(missing.status, status, path)
            XCTAssertTrue(missing.headers["content-type"]?.hasPrefix("text/html") ?? false, path)
            XCTAssertTrue(missing.text.contains("<a href=\"/dashboard\">"), path)
        }

        // A blank text is scored but not stored: no empty, undated article in the counts.
        XCTAssertEqual(
            try server.request("POST", "/v1/analyze", body: Data(" \n\t ".utf8), contentType: "text/plain").status, 200)
        XCTAssertEqual(try server.json("/v1/analyze", ["text": "  "]).status, 200)
        XCTAssertEqual(try server.request("GET", "/v1/trends").json()["documents"] as? Int, 3)
        // A declared charset other than UTF-8 is refused with the reason (the body is not guessed at).
        let cp1251 = try server.request(
            "POST", "/v1/analyze", body: Data([0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0]),
            contentType: "text/plain; charset=windows-1251")
        XCTAssertEqual(cp1251.status, 415)
        XCTAssertEqual(try cp1251.json()["code"] as? String, "unsupported_charset")
        XCTAssertTrue(
            try cp1251.json()["detail"] as? String == "charset windows-1251 is not supported: send the body in UTF-8")
        XCTAssertEqual(
            try server.request(
                "POST", "/v1/analyze", body: Data("Москва.".utf8), contentType: "text/plain; charset=\"UTF-8\""
            ).status, 200)
        // The database holds every article's text: readable by its owner only.
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o077, 0, String(mode, radix: 8))

        // The document describes the database routes (and the route test on a server without a
        // database checks they are absent there).
        let paths = try XCTUnwrap(try server.request("GET", "/openapi.json").json()["paths"] as? [String: Any])
        for path in [
            "/v1/trends", "/v1/article", "/dashboard", "/dashboard/article", "/dashboard/login", "/dashboard/logout",
        ] {
            XCTAssertNotNil(paths[path], path)
        }
    }

    /// An outlet name with a line break is stored as "line break"; a browser that ticks it sends
    /// "line\r\nbreak" (form encoding turns every line break into CR LF), and a hand-written
    /// filter may be padded: both select it, and the dashboard shows its box ticked.
    func testOutletFiltersMatchTheNormalisedNameAsABrowserSendsIt() throws {
        let (server, dir) = try serverWithStore("outlet")
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: dir)
        }
        let stored = try server.json(
            "/v1/analyze",
            ["id": "n-1", "outlet": "line\nbreak", "published": "2025-07-01", "text": "Moscow refused to apologise."])
        XCTAssertEqual(stored.status, 200, stored.text)

        for filter in ["line%0D%0Abreak", "line+break", "+line%0Abreak+"] {
            let trends = try server.request("GET", "/v1/trends?outlet=\(filter)")
            XCTAssertEqual(try trends.json()["documents"] as? Int, 1, filter)
            XCTAssertEqual(try trends.json()["outlets"] as? [String], ["line break"], filter)
        }
        let page = try server.request("GET", "/dashboard?outlet=line%0D%0Abreak")
        XCTAssertTrue(page.text.contains("value=\"line break\" checked>"), page.text)
        XCTAssertFalse(page.text.contains("No articles match"), page.text)
    }

    /// A right-to-left override in an outlet name was shown as U+FFFD in the checkbox's value,
    /// so ticking it matched nothing; the name is stored without it and the box sends it back.
    func testAnOutletWithABidiOverrideCanBeTickedOnTheDashboard() throws {
        let (server, dir) = try serverWithStore("bidi")
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: dir)
        }
        let stored = try server.json(
            "/v1/analyze",
            [
                "id": "b-1", "outlet": "\u{202E}za.uxO", "published": "2025-07-01",
                "text": "Moscow refused to apologise.",
            ])
        XCTAssertEqual(stored.status, 200, stored.text)
        let page = try server.request("GET", "/dashboard").text
        XCTAssertTrue(page.contains("name=\"outlet\" value=\"za.uxO\">"), page)
        XCTAssertFalse(page.contains("\u{FFFD}za.uxO"), page)
        let ticked = try server.request("GET", "/v1/trends?outlet=za.uxO")
        XCTAssertEqual(try ticked.json()["documents"] as? Int, 1)
    }

    /// The latest articles show the day the store read (the value as given in a tooltip); a
    /// figure named but not accused gets no bar of 0; filters that match nothing on a full store
    /// say to widen them, not to fill the database.
    func testDashboardShowsDaysSkipsEmptyBarsAndBlamesTheFilters() throws {
        let (server, dir) = try serverWithStore("dash")
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: dir)
        }
        for (id, published) in [("d-1", "Tue, 01 Jul 2025 10:00:00 +0300"), ("d-2", "2025-13-45")] {
            let r = try server.json(
                "/v1/analyze",
                [
                    "id": id, "outlet": "Caspian Wire", "published": published,
                    "text": "Elmar Mammadyarov visited Baku on Tuesday.",
                ])
            XCTAssertEqual(r.status, 200, r.text)
        }
        let page = try server.request("GET", "/dashboard").text
        XCTAssertTrue(page.contains("<td title=\"Tue, 01 Jul 2025 10:00:00 +0300\">2025-07-01</td>"), page)
        XCTAssertTrue(page.contains("<td title=\"2025-13-45\">undated</td>"), page)
        XCTAssertTrue(page.contains("No accusations against watch-listed figures in this selection."), page)
        XCTAssertFalse(page.contains("<g class=\"bar\""), "no bar of 0 accusations")
        XCTAssertTrue(page.contains("<th>Elmar Mammadyarov</th>"), "still named in the data table")

        let none = try server.request("GET", "/dashboard?outlet=nonexistent").text
        XCTAssertTrue(none.contains("No articles match these filters: widen them"), none)
        XCTAssertFalse(none.contains("Fill the database"), none)
    }

    func testAnUnopenableDatabaseIsAConfigurationError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-serve-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let notADatabase = dir.appendingPathComponent("notes.sqlite")
        try Data("this is not SQLite, just text long enough to have a header page".utf8).write(to: notADatabase)
        XCTAssertThrowsError(try ServerHarness(["--db", notADatabase.path])) { error in
            XCTAssertTrue("\(error)".contains("cannot open the database"), "\(error)")
        }
    }

    /// A server on a fresh SQLite store in its own temporary folder (the caller stops the server
    /// and removes the folder).
    func serverWithStore(_ tag: String) throws -> (ServerHarness, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-serve-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do {
            return (try ServerHarness(["--db", dir.appendingPathComponent("monitor.sqlite").path]), dir)
        } catch {
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
    }
}
