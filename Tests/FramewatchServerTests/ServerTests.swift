import Foundation
import XCTest

final class ServerTests: XCTestCase {
    nonisolated(unsafe) static var shared: ServerHarness?

    var server: ServerHarness {
        if Self.shared == nil { Self.shared = try! ServerHarness() }
        return Self.shared!
    }

    override class func tearDown() {
        shared?.stop()
        shared = nil
    }

    func testAnalyzeReturnsTheContract() throws {
        let r = try server.json("/v1/analyze", ["text": "Moscow refused to apologise for the AZAL crash.", "id": "a1"])
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.headers["content-type"], "application/json")
        let report = try r.json()
        XCTAssertEqual(report["id"] as? String, "a1")
        XCTAssertEqual((report["frame"] as? [String: Any])?["label"] as? String, "anti_russian")
        XCTAssertNotNil(r.headers["x-request-id"])
        let plain = try server.request(
            "POST", "/v1/analyze?lang=ru&explain=true", body: Data("Москва отказалась извиниться.".utf8),
            contentType: "text/plain")
        XCTAssertEqual(plain.status, 200, plain.text)
        XCTAssertEqual(try plain.json()["lang"] as? String, "ru")
        XCTAssertTrue(plain.text.contains("\"trace\""), "explain=true adds the rule trace")
    }

    func testErrorStatusesAreProblemDocuments() throws {
        let cases: [(ServerHarness.Response, Int, String)] = [
            (
                try server.request(
                    "POST", "/v1/analyze", body: Data("{not json".utf8), contentType: "application/json"), 400,
                "invalid_json"
            ),
            (try server.json("/v1/analyze", ["txt": "no text field"]), 422, "missing_text"),
            (try server.json("/v1/analyze", ["text": 42]), 422, "wrong_type"),
            (try server.json("/v1/analyze", ["text": "x", "lang": "fr"]), 422, "unknown_language"),
            (
                try server.request("POST", "/v1/analyze", body: Data("<xml/>".utf8), contentType: "application/xml"),
                415, "unsupported_media_type"
            ),
            (try server.request("GET", "/v2/nothing"), 404, "not_found"),
            (try server.request("GET", "/v1/analyze"), 405, "method_not_allowed"),
            (
                try server.request("POST", "/v1/analyze/batch", body: Data("{}".utf8), contentType: "application/json"),
                415, "unsupported_media_type"
            ),
        ]
        for (response, status, code) in cases {
            XCTAssertEqual(response.status, status, response.text)
            XCTAssertEqual(response.headers["content-type"], "application/problem+json")
            let problem = try response.json()
            XCTAssertEqual(problem["code"] as? String, code)
            XCTAssertEqual(problem["status"] as? Int, status)
            XCTAssertFalse(response.text.contains("/work/") || response.text.contains(".swift"), "no internal paths")
        }
    }

    /// curl sends `Expect: 100-continue` with bodies over 1 MB and waits a second for the go-ahead:
    /// the server gives it as the head arrives, and not when the body is over the limit (413 at once).
    func testExpectContinueGetsTheGoAheadBeforeTheBody() throws {
        let body = #"{"text":"Moscow refused to apologise."}"#
        let fd = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n")
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = recv(fd, &buffer, buffer.count, 0)
        XCTAssertTrue(String(decoding: buffer[0..<max(0, n)], as: UTF8.self).hasPrefix("HTTP/1.1 100 Continue\r\n"))
        ServerHarness.send(fd, Data(body.utf8))
        let answer = ServerHarness.parse(ServerHarness.readAll(fd))
        XCTAssertEqual(answer.status, 200, answer.text)
        XCTAssertEqual(
            try answer.json()["frame"].flatMap { ($0 as? [String: Any])?["label"] as? String }, "anti_russian")
        // Over the limit: the 413 comes without a go-ahead, and no body is sent.
        let big = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                + "Content-Length: 999999999\r\nConnection: close\r\n\r\n")
        defer { close(big) }
        let refused = ServerHarness.parse(ServerHarness.readAll(big))
        XCTAssertEqual(refused.status, 413)
    }

    /// HEAD wherever GET is served: GET's status and headers, no body; the 405 lists HEAD too.
    func testHeadIsAnsweredLikeGetWithoutABody() throws {
        for path in ["/healthz", "/v1/lexicon", "/openapi.json"] {
            let fd = try server.open("HEAD \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            defer { close(fd) }
            let response = ServerHarness.parse(ServerHarness.readAll(fd))
            XCTAssertEqual(response.status, 200, path)
            XCTAssertTrue(response.body.isEmpty, path)
            XCTAssertEqual(response.headers["content-type"], "application/json", path)
        }
        let wrong = try server.request("DELETE", "/healthz")
        XCTAssertEqual(wrong.status, 405)
        XCTAssertEqual(wrong.headers["allow"], "GET, HEAD")
        XCTAssertEqual(try server.request("HEAD", "/v1/analyze").status, 405, "no GET there, so no HEAD")
    }

    func testBodyOverTheLimitIs413() throws {
        let small = try ServerHarness(["--max-document-bytes", "1000", "--max-batch-bytes", "5000"])
        defer { small.stop() }
        let big = try small.json("/v1/analyze", ["text": String(repeating: "Russia ", count: 20_000)])
        XCTAssertEqual(big.status, 413, big.text)
        XCTAssertEqual(try big.json()["code"] as? String, "too_large")
        // Within the JSON slack but over the limit as text: the same problem, with its limit.
        let text = try small.json("/v1/analyze", ["text": String(repeating: "R", count: 1500)])
        XCTAssertEqual(text.status, 413, text.text)
        XCTAssertEqual(try text.json()["limit"] as? Int, 1000)
        XCTAssertTrue(
            try small.request(
                "POST", "/v1/analyze?explain=1", body: Data("Russia interfered.".utf8), contentType: "text/plain"
            ).text.contains(
                "\"trace\""), "explain=1 means explain=true")
        // A value that is neither true nor false is a mistake to report, not a silent false.
        for path in ["/v1/analyze?explain=maybe", "/v1/analyze/batch?explain=ture"] {
            let typo = try small.request(
                "POST", path, body: Data("{\"text\":\"Russia.\"}\n".utf8),
                contentType: path.contains("batch") ? "application/x-ndjson" : "application/json")
            XCTAssertEqual(typo.status, 422, typo.text)
            XCTAssertEqual(try typo.json()["code"] as? String, "invalid_parameter", path)
        }
        let batch = try small.request(
            "POST", "/v1/analyze/batch", body: Data(String(repeating: "{\"text\":\"x\"}\n", count: 1000).utf8),
            contentType: "application/x-ndjson")
        XCTAssertEqual(batch.status, 413)
        // Sent chunked, the size is only known as it arrives: the lines read so far are scored and
        // one too_large line says where it stopped (the lines after it are not read).
        let fd = try small.open(
            "POST /v1/analyze/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n")
        defer { close(fd) }
        for i in 0..<10 {
            ServerHarness.send(
                fd, ServerHarness.chunk("{\"id\":\"n\(i)\",\"text\":\"\(String(repeating: "Russia ", count: 100))\"}\n")
            )
        }
        ServerHarness.send(fd, Data("0\r\n\r\n".utf8))
        let chunked = ServerHarness.parse(ServerHarness.readAll(fd))
        XCTAssertEqual(chunked.status, 200)
        let lines = chunked.lines
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertLessThan(lines.count, 10)
        XCTAssertTrue(lines.last?.contains("\"too_large\"") ?? false, chunked.text)
        XCTAssertTrue(lines.last?.contains("the rest was not read") ?? false, chunked.text)
    }

    func testBatchStreamsOneLinePerInputLineWithErrorsInPlace() throws {
        let body =
            "{\"id\":\"a\",\"text\":\"Russia interfered.\"}\nnot json\n{\"id\":\"c\",\"text\":\"Bakı və Moskva danışıqlar aparıb.\"}\n"
        let r = try server.request(
            "POST", "/v1/analyze/batch", body: Data(body.utf8), contentType: "application/x-ndjson")
        XCTAssertEqual(r.status, 200)
        let lines = r.lines
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].contains("\"id\":\"a\""))
        XCTAssertTrue(lines[1].contains("\"code\":\"invalid_json\""))
        XCTAssertTrue(lines[2].contains("\"lang\":\"az\""))
    }

    func testBatchResultsFlowBackWhileTheRequestIsStillBeingSent() throws {
        let fd = try server.connect()
        defer { close(fd) }
        let head =
            "POST /v1/analyze/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        ServerHarness.send(fd, Data(head.utf8))
        ServerHarness.send(fd, ServerHarness.chunk("{\"id\":\"first\",\"text\":\"Russia.\"}\n"))
        // The first result must arrive before the request body is finished.
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(10)
        while !String(decoding: received, as: UTF8.self).contains("\"first\"") && Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        XCTAssertTrue(String(decoding: received, as: UTF8.self).contains("\"first\""), "streamed before the body ended")
        ServerHarness.send(fd, ServerHarness.chunk("{\"id\":\"second\",\"text\":\"Baku.\"}\n"))
        ServerHarness.send(fd, Data("0\r\n\r\n".utf8))
        received.append(ServerHarness.readAll(fd))
        XCTAssertTrue(String(decoding: received, as: UTF8.self).contains("\"second\""))
    }

    func testLexiconEntitiesHealthAndMetrics() throws {
        let lexicon = try server.request("GET", "/v1/lexicon").json()
        XCTAssertEqual(lexicon["name"] as? String, "russia-azerbaijan")
        XCTAssertGreaterThan(lexicon["entities"] as? Int ?? 0, 150)
        let found = try server.request(
            "GET", "/v1/entities?q=%D0%9C%D0%B0%D0%BC%D0%B5%D0%B4%D1%8A%D1%8F%D1%80%D0%BE%D0%B2"
        ).json()
        let ids = (found["entities"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(ids, ["elmar_mammadyarov"], "a Cyrillic query finds the entity")
        // `+` is a space, as HTML forms and urlencode send it; a control character is refused.
        let plus = try server.request("GET", "/v1/entities?q=Elmar+Mammadyarov").json()
        XCTAssertEqual(plus["query"] as? String, "Elmar Mammadyarov")
        XCTAssertEqual(
            (plus["entities"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["elmar_mammadyarov"])
        let nul = try server.request("GET", "/v1/entities?q=Baku%00")
        XCTAssertEqual(nul.status, 400, nul.text)
        XCTAssertEqual(try nul.json()["code"] as? String, "invalid_query")
        let undecodable = try server.request("GET", "/v1/entities?q=%FF%FE")
        XCTAssertEqual(undecodable.status, 400, undecodable.text)
        XCTAssertEqual(try undecodable.json()["code"] as? String, "invalid_query")
        // Ranked: the city before the entities whose names only contain "Baku"; a zero-width space
        // copied with a name (U+200B) is not part of it.
        let baku = try server.request("GET", "/v1/entities?q=Baku").json()
        let bakuIDs = (baku["entities"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(bakuIDs.first, "baku")
        XCTAssertGreaterThan(bakuIDs.count, 5)
        let zeroWidth = try server.request("GET", "/v1/entities?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2%E2%80%8B").json()
        XCTAssertEqual(
            (zeroWidth["entities"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["sergey_lavrov"])
        XCTAssertEqual(try server.request("GET", "/healthz").status, 200)
        XCTAssertEqual(try server.request("GET", "/readyz").status, 200)
        _ = try server.json("/v1/analyze", ["text": "Russia."])
        XCTAssertEqual(try server.request("DELETE", "/v1/analyze").status, 405)
        let metrics = try server.request("GET", "/metrics")
        XCTAssertTrue(
            metrics.text.contains(#"framewatch_http_requests_total{route="analyze",method="DELETE",status="405"}"#),
            "a 405 on a known route is counted under that route")
        XCTAssertTrue(metrics.headers["content-type"]?.hasPrefix("text/plain") ?? false)
        for name in [
            "framewatch_http_requests_total", "framewatch_http_request_duration_seconds_bucket",
            "framewatch_documents_scored_total",
            "framewatch_bytes_scored_total", "framewatch_lexicon_info{",
        ] {
            XCTAssertTrue(metrics.text.contains(name), "missing \(name)")
        }
    }

    func testEveryOpenAPIRouteAnswersAndNothingElseIsServed() throws {
        let document = try server.request("GET", "/openapi.json").json()
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        var served: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys {
                served.insert("\(method.uppercased()) \(path)")
                let response: ServerHarness.Response
                switch (method, path) {
                case ("post", "/v1/analyze"): response = try server.json(path, ["text": "Baku."])
                case ("post", "/v1/analyze/batch"):
                    response = try server.request(
                        "POST", path, body: Data("{\"text\":\"Baku\"}\n".utf8), contentType: "application/x-ndjson")
                case ("post", "/v1/admin/reload"): response = try server.request("POST", path)
                default: response = try server.request(method.uppercased(), path)
                }
                XCTAssertNotEqual(response.status, 404, "\(method) \(path) is documented but not served")
                XCTAssertLessThan(response.status, 500, "\(method) \(path)")
            }
        }
        XCTAssertEqual(
            served,
            [
                "POST /v1/analyze", "POST /v1/analyze/batch", "GET /v1/lexicon", "GET /v1/entities",
                "POST /v1/admin/reload",
                "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json",
            ])
        // A method not documented for a documented path is not served either.
        let wrongMethod = try server.request("DELETE", "/v1/analyze")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.headers["allow"], "POST")
    }
}
