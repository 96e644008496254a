import Foundation
import FramewatchCore
import XCTest

/// Auth, reload, concurrency limit and graceful shutdown: each on its own server.
final class ServerLifecycleTests: XCTestCase {
    func tokenFile(mode: Int = 0o600) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("token")
        try Data("s3cret-token-0123456789abcdef\n".utf8).write(to: file)
        chmod(file.path, mode_t(mode))
        return file
    }

    func testBearerTokenIsRequiredExceptForHealth() throws {
        let server = try ServerHarness(["--token-file", try tokenFile().path])
        defer { server.stop() }
        let anonymous = try server.json("/v1/analyze", ["text": "Russia."])
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(try anonymous.json()["code"] as? String, "unauthorized")
        // The scheme is case-insensitive (RFC 9110); the token is not.
        for (header, status) in [
            ("Bearer s3cret-token-0123456789abcdeX", 401), ("Bearer s3cret-token-0123456789abcdef", 200),
            ("bearer s3cret-token-0123456789abcdef", 200), ("Bearer S3CRET-token-0123456789abcdef", 401),
        ] {
            let response = try server.json("/v1/analyze", ["text": "Russia."], headers: ["Authorization": header])
            XCTAssertEqual(response.status, status, header)
        }
        XCTAssertEqual(try server.request("GET", "/healthz").status, 200)
        XCTAssertEqual(try server.request("GET", "/metrics").status, 401)
    }

    /// A browser cannot send the bearer header: with a token, the dashboard shows a sign-in form,
    /// the right token sets an HttpOnly cookie that opens the dashboard's pages (and nothing else),
    /// and the OpenAPI document says every other route needs the token.
    func testTheDashboardSignsABrowserInWithAnHttpOnlyCookie() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-signin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try ServerHarness([
            "--token-file", try tokenFile().path, "--db", dir.appendingPathComponent("m.sqlite").path,
        ])
        defer { server.stop() }
        let form = try server.request("GET", "/dashboard")
        XCTAssertEqual(form.status, 401)
        XCTAssertTrue(form.headers["content-type"]?.hasPrefix("text/html") ?? false)
        XCTAssertTrue(form.text.contains("<form method=\"post\" action=\"/dashboard/login\">"), form.text)
        XCTAssertFalse(form.text.contains("<script"))
        let login = "application/x-www-form-urlencoded"
        let wrong = try server.request("POST", "/dashboard/login", body: Data("token=nope".utf8), contentType: login)
        XCTAssertEqual(wrong.status, 401)
        XCTAssertTrue(wrong.text.contains("not the server's token"))
        XCTAssertNil(wrong.headers["set-cookie"])
        XCTAssertEqual(
            try server.request("POST", "/dashboard/login", body: Data("{}".utf8), contentType: "application/json")
                .status,
            415)
        let right = try server.request(
            "POST", "/dashboard/login", body: Data("token=s3cret-token-0123456789abcdef".utf8), contentType: login)
        XCTAssertEqual(right.status, 303)
        XCTAssertEqual(right.headers["location"], "/dashboard")
        let cookie = try XCTUnwrap(right.headers["set-cookie"])
        XCTAssertTrue(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard")
                && cookie.contains("Max-Age=43200"), cookie)
        let pair = String(cookie.split(separator: ";")[0])
        XCTAssertTrue(pair.hasPrefix("framewatch_session="), pair)
        // The cookie gives nothing of the token away: neither the token nor its hexadecimal form.
        let tokenHex = "s3cret-token-0123456789abcdef".utf8.map { String(format: "%02x", $0) }.joined()
        XCTAssertFalse(pair.contains("s3cret") || pair.contains(tokenHex), pair)
        XCTAssertEqual(try server.request("GET", "/dashboard", headers: ["Cookie": "theme=dark; " + pair]).status, 200)
        XCTAssertTrue(
            try server.request("GET", "/dashboard", headers: ["Cookie": pair]).text.contains(
                "href=\"/dashboard/logout\""))
        XCTAssertEqual(try server.request("GET", "/v1/lexicon", headers: ["Cookie": pair]).status, 401)
        // A cookie is an expiry and its HMAC under the token: the token itself, a forged or an
        // expired one does not open the dashboard.
        let token = Array("s3cret-token-0123456789abcdef".utf8)
        func session(expires: Int, key: [UInt8]) -> String {
            let mac = SHA256.hmac(key: key, message: Array("framewatch-dashboard:\(expires)".utf8))
            return "framewatch_session=\(expires)." + mac.map { String(format: "%02x", $0) }.joined()
        }
        let now = Int(Date().timeIntervalSince1970)
        XCTAssertEqual(
            try server.request("GET", "/dashboard", headers: ["Cookie": session(expires: now + 600, key: token)])
                .status, 200)
        for forged in [
            "framewatch_session=s3cret-token-0123456789abcdef", "framewatch_session=\(tokenHex)",
            session(expires: now - 60, key: token), session(expires: now + 600, key: Array("other".utf8)),
            "framewatch_session=99999999999.00", "framewatch_session=",
        ] {
            XCTAssertEqual(try server.request("GET", "/dashboard", headers: ["Cookie": forged]).status, 401, forged)
        }
        // Signing out clears the cookie; the sign-in address itself (a reload) goes to the dashboard.
        let out = try server.request("GET", "/dashboard/logout", headers: ["Cookie": pair])
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(out.headers["location"], "/dashboard")
        XCTAssertTrue(out.headers["set-cookie"]?.hasPrefix("framewatch_session=;") ?? false)
        XCTAssertTrue(out.headers["set-cookie"]?.contains("Max-Age=0") ?? false)
        let posted = try server.request("POST", "/dashboard/logout", headers: ["Cookie": pair])
        XCTAssertEqual(posted.status, 303, "a sign-out button in a form posts")
        XCTAssertTrue(posted.headers["set-cookie"]?.contains("Max-Age=0") ?? false)
        let reload = try server.request("GET", "/dashboard/login")
        XCTAssertEqual(reload.status, 303)
        XCTAssertEqual(reload.headers["location"], "/dashboard")
        let document = try server.request(
            "GET", "/openapi.json", headers: ["Authorization": "Bearer s3cret-token-0123456789abcdef"]
        ).json()
        XCTAssertEqual(document["security"] as? [[String: [String]]], [["bearer": []]])
    }

    /// Runs `framewatch serve` with a token file that must be refused: its exit status and stderr.
    func refusedServe(tokenFile path: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ServerHarness.binary
        process.arguments = ["serve", "--port", "0", "--token-file", path]
        process.currentDirectoryURL = ServerHarness.repository
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    func testAWorldReadableTokenFileIsRefused() throws {
        let refused = try refusedServe(tokenFile: try tokenFile(mode: 0o644).path)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("readable by other users"), refused.stderr)
    }

    func testATokenFileOfTwoLinesIsRefused() throws {
        // No header can carry the line break, so no request could ever authenticate.
        let file = try tokenFile()
        try Data("s3cret-token-0123456789abcdef\nsecond-token-0123456789abcdef\n".utf8).write(to: file)
        let refused = try refusedServe(tokenFile: file.path)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("more than one line"), refused.stderr)
    }

    func testReloadSwapsAGoodPackAndKeepsTheOldOneOnABadPack() throws {
        let pack = FileManager.default.temporaryDirectory.appendingPathComponent("fw-pack-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: ServerHarness.repository.appendingPathComponent("Lexicons/russia-azerbaijan"), to: pack)
        addTeardownBlock { try? FileManager.default.removeItem(at: pack) }
        let server = try ServerHarness(["--pack", pack.path, "--token-file", try tokenFile().path])
        defer { server.stop() }
        let auth = ["Authorization": "Bearer s3cret-token-0123456789abcdef"]
        let before = try server.request("GET", "/v1/lexicon", headers: auth).json()["hash"] as? String
        // A good change: one more English cue.
        let cues = pack.appendingPathComponent("cues/en.tsv")
        var text = try String(contentsOf: cues, encoding: .utf8)
        text += "\nzorgblat\tanti_russian.espionage\t2.0\n"
        try text.write(to: cues, atomically: true, encoding: .utf8)
        let good = try server.request("POST", "/v1/admin/reload", headers: auth)
        XCTAssertEqual(good.status, 200, good.text)
        let after = try server.request("GET", "/v1/lexicon", headers: auth).json()["hash"] as? String
        XCTAssertNotEqual(before, after)
        let scored = try server.json("/v1/analyze", ["text": "Russia's zorgblat."], headers: auth)
        XCTAssertTrue(scored.text.contains("\"zorgblat\""), "the new cue is used")
        // A bad change: an unknown category. Rejected with its problems; the good pack stays.
        text += "broken\tanti_russian.nonsense\t1\n"
        try text.write(to: cues, atomically: true, encoding: .utf8)
        let bad = try server.request("POST", "/v1/admin/reload", headers: auth)
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertTrue(bad.text.contains("unknown sub-frame"), bad.text)
        XCTAssertFalse(bad.text.contains(pack.path), "no server paths in the problem")
        // The path within the pack: it has three en.tsv (cues, sentiment, rules).
        XCTAssertTrue(bad.text.contains("\"file\":\"cues/en.tsv\""), bad.text)
        XCTAssertEqual(try server.request("GET", "/v1/lexicon", headers: auth).json()["hash"] as? String, after)
    }

    func testReloadOverHTTPNeedsAToken() throws {
        let server = try ServerHarness()
        defer { server.stop() }
        XCTAssertEqual(try server.request("POST", "/v1/admin/reload").status, 403)
    }

    func testConcurrencyLimitAnswers503WithRetryAfter() throws {
        let server = try ServerHarness(["--concurrency", "1"])
        defer { server.stop() }
        // Hold the only slot with a batch whose body never ends.
        let fd = try server.open(
            "POST /v1/analyze/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        defer { close(fd) }
        usleep(300_000)
        let refused = try server.json("/v1/analyze", ["text": "Russia."])
        XCTAssertEqual(refused.status, 503, refused.text)
        XCTAssertEqual(refused.headers["retry-after"], "1")
        XCTAssertEqual(try server.request("GET", "/healthz").status, 200, "health checks are not limited")
    }

    func testSIGTERMLetsTheRequestInFlightFinish() throws {
        let server = try ServerHarness()
        let fd = try server.open(
            "POST /v1/analyze/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        defer { close(fd) }
        let line = "{\"id\":\"in-flight\",\"text\":\"Russia.\"}\n"
        ServerHarness.send(fd, ServerHarness.chunk(line))
        usleep(300_000)
        kill(server.process.processIdentifier, SIGTERM)
        usleep(300_000)
        // The request in flight completes…
        ServerHarness.send(fd, Data("0\r\n\r\n".utf8))
        let response = ServerHarness.parse(ServerHarness.readAll(fd))
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(response.text.contains("\"in-flight\""), response.text)
        // …and then the process exits cleanly, refusing new connections.
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0, server.logText)
        XCTAssertThrowsError(try server.connect())
    }

    func testSIGTERMSendsALargeResponseWholeAndRefusesNewRequestsMeanwhile() throws {
        let server = try ServerHarness()
        // A 200 KB text answers with several megabytes of report: more than the socket buffers
        // hold, so most of it is still to send when the signal arrives (the client reads late).
        let sentence = "The Kremlin refused to apologise to Baku, and Russian spies were accused of interference. "
        let text = String(repeating: sentence, count: 2300)
        let fd = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\n"
                + "Content-Length: \(text.utf8.count)\r\n\r\n" + text)
        defer { close(fd) }
        usleep(1_500_000)
        kill(server.process.processIdentifier, SIGTERM)
        usleep(300_000)
        // While it drains, a new request is refused with a reason…
        let refused = try server.json("/v1/analyze", ["text": "Russia."])
        XCTAssertEqual(refused.status, 503, refused.text)
        XCTAssertEqual(try refused.json()["code"] as? String, "shutting_down")
        // …and the response in flight arrives whole, every byte its Content-Length promised.
        let response = ServerHarness.parse(ServerHarness.readAll(fd))
        XCTAssertEqual(response.status, 200)
        let length = try XCTUnwrap(response.headers["content-length"].flatMap(Int.init))
        XCTAssertGreaterThan(length, 2_000_000)
        XCTAssertEqual(response.body.count, length)
        XCTAssertEqual((try response.json()["frame"] as? [String: Any])?["label"] as? String, "anti_russian")
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0, server.logText)
    }
}
