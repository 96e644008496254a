import Foundation
import XCTest

/// The service under hostile clients: slow or vanishing clients, floods, malformed requests,
/// requests that try to choose the pack, and token files others can read. docs/HOSTILE-INPUT.md
/// lists every case with its outcome.
final class HostileServiceTests: XCTestCase {
    /// Sets how long a `recv` on `fd` waits.
    func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Waits for the server to close `fd`: the seconds it took, or nil if it sent data or the
    /// wait ran out first.
    func secondsUntilClosed(_ fd: Int32, within seconds: Int) -> Double? {
        setReceiveTimeout(fd, seconds: seconds)
        let start = Date()
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        return n == 0 ? Date().timeIntervalSince(start) : nil
    }

    /// Polls `/v1/analyze` until it answers 200 (a free slot) or `seconds` pass.
    func waitForAFreeSlot(_ server: ServerHarness, seconds: Double) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var status = 0
        repeat {
            status = try server.json("/v1/analyze", ["text": "Russia."]).status
            if status == 200 { break }
            usleep(200_000)
        } while Date() < deadline
        return status
    }

    /// Polls `/v1/analyze` until it is refused with 503 (every slot taken) or `seconds` pass.
    func waitUntilFull(_ server: ServerHarness, seconds: Double) throws -> ServerHarness.Response {
        let deadline = Date().addingTimeInterval(seconds)
        var response: ServerHarness.Response
        repeat {
            response = try server.json("/v1/analyze", ["text": "Russia."])
            if response.status == 503 { break }
            usleep(100_000)
        } while Date() < deadline
        return response
    }

    /// Opens a batch whose body never comes, and returns once the server has admitted it (the
    /// streamed answer's status line is back): from then on it holds a concurrency slot.
    /// (Probing before that races it for the slot.)
    func startQuietBatch(_ server: ServerHarness) throws -> (fd: Int32, statusLine: Data) {
        let fd = try server.connect()
        ServerHarness.send(fd, chunkedBatchHead)
        setReceiveTimeout(fd, seconds: 10)
        var statusLine: [UInt8] = []
        var byte: UInt8 = 0
        while statusLine.count < 64, recv(fd, &byte, 1, 0) == 1, byte != 0x0A { statusLine.append(byte) }
        XCTAssertTrue(String(decoding: statusLine, as: UTF8.self).hasPrefix("HTTP/1.1 200"), "the batch is admitted")
        return (fd, Data(statusLine + [0x0A]))
    }

    let chunkedBatchHead = Data(
        "POST /v1/analyze/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
            .utf8)

    func testStalledAndTrickledClientsAreClosedAndGiveTheirSlotBack() throws {
        // A 2 s idle timeout: long enough that a loaded machine still sees the quiet batch
        // holding the slot (at 1 s the holder was sometimes closed before the first probe).
        let server = try ServerHarness(["--timeout", "2", "--concurrency", "1"])
        defer { server.stop() }
        // Headers that stop half-way.
        let stalledHead = try server.open("POST /v1/analyze HTTP/1.1\r\nHost: x\r\n")
        defer { close(stalledHead) }
        XCTAssertNotNil(secondsUntilClosed(stalledHead, within: 15), "stalled headers are closed")
        // Headers trickled one byte every 300 ms (slowloris): closed long before they end.
        let trickle = try server.connect()
        defer { close(trickle) }
        let head = Array(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 60))\r\n\r\n".utf8)
        var closedAfter: Int? = nil
        for (index, byte) in head.enumerated() {
            if Glibc.send(trickle, [byte], 1, Int32(MSG_NOSIGNAL)) <= 0 {
                closedAfter = index
                break
            }
            usleep(300_000)
            var probe: UInt8 = 0
            if recv(trickle, &probe, 1, Int32(MSG_DONTWAIT)) == 0 {
                closedAfter = index
                break
            }
        }
        XCTAssertLessThan(closedAfter ?? head.count, head.count, "a trickled header is cut off")
        // A body that stops half-way: closed without an answer.
        let stalledBody = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nRussia int")
        defer { close(stalledBody) }
        XCTAssertNotNil(secondsUntilClosed(stalledBody, within: 15), "a stalled body is closed")
        // The stalled body's slot comes back (its connection is closed before its handler ends:
        // wait for it, or the next client could be refused for it).
        XCTAssertEqual(try waitForAFreeSlot(server, seconds: 10), 200, "the stalled body's slot is given back")
        // A batch that holds the only slot and then goes quiet: refused meanwhile, then freed.
        let holder = try startQuietBatch(server).fd
        defer { close(holder) }
        let refused = try waitUntilFull(server, seconds: 10)
        XCTAssertEqual(refused.status, 503, refused.text)
        XCTAssertEqual(refused.headers["retry-after"], "1")
        _ = ServerHarness.readAll(holder)
        XCTAssertEqual(try waitForAFreeSlot(server, seconds: 10), 200, "the quiet client's slot is given back")
    }

    /// A body trickled a byte a second never goes idle, so the idle timeout alone let it keep
    /// its scoring slot for as long as it liked: the whole body must arrive within --timeout.
    func testATrickledBodyIsAnsweredRequestTimeoutAndGivesItsSlotBack() throws {
        let server = try ServerHarness(["--timeout", "2", "--concurrency", "1"])
        defer { server.stop() }
        let fd = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n")
        defer { close(fd) }
        let started = Date()
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        setReceiveTimeout(fd, seconds: 1)
        // One byte a second (never idle for the 2 s timeout) until the server answers.
        while Date().timeIntervalSince(started) < 15 {
            ServerHarness.send(fd, Data("R".utf8))
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                answer.append(contentsOf: buffer[0..<n])
                break
            }
        }
        let text = String(decoding: answer, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 408"), text)
        XCTAssertTrue(text.contains("body_timeout"), text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "answered at the deadline, not at the end")
        XCTAssertEqual(try waitForAFreeSlot(server, seconds: 10), 200, "the slot is given back")
    }

    /// An answer sent before the body has arrived (413 here) closes the connection, saying so:
    /// otherwise the server went on reading whatever the client kept sending (181 MB after a 413
    /// in QA pass 5). A connection whose requests are whole stays open for the next one.
    func testAnAnswerSentBeforeTheBodyEndedClosesTheConnection() throws {
        let server = try ServerHarness(["--max-document-bytes", "1000"])
        defer { server.stop() }
        let fd = try server.open(
            "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
        defer { close(fd) }
        setReceiveTimeout(fd, seconds: 1)
        let chunk = ServerHarness.chunk(String(repeating: "Baku ", count: 2000))
        var answer = Data()
        var closed = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        let started = Date()
        // Keep sending after the answer, as a client that does not read would.
        while Date().timeIntervalSince(started) < 20 && !closed {
            ServerHarness.send(fd, chunk)
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n > 0 { answer.append(contentsOf: buffer[0..<n]) }
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { closed = true }
        }
        let text = String(decoding: answer, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 413"), text)
        XCTAssertTrue(text.lowercased().contains("connection: close"), text)
        XCTAssertTrue(closed, "the server closed the connection after its answer and a bounded drain")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "closed after at most 16 MB or 10 s more")

        // Two whole requests on one connection: both answered, the connection kept.
        let keep = try server.open(
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nPOST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 18\r\nConnection: close\r\n\r\nRussia interfered.")
        defer { close(keep) }
        let both = String(decoding: ServerHarness.readAll(keep), as: UTF8.self)
        XCTAssertEqual(both.components(separatedBy: "HTTP/1.1 200").count - 1, 2, both)
    }

    /// A chunked body with a bad chunk size is the client's fault: 400, not 500 "internal"
    /// (which also counted broken clients as server faults in /metrics).
    func testAMalformedChunkedBodyIs400() throws {
        let server = try ServerHarness()
        defer { server.stop() }
        for size in ["ZZ", "-1", "FFFFFFFFFFFFFFFFFF"] {
            let fd = try server.open(
                "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nabc\r\n0\r\n\r\n"
            )
            defer { close(fd) }
            let answer = String(decoding: ServerHarness.readAll(fd), as: UTF8.self)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), "\(size): \(answer)")
        }
        let metrics = try server.request("GET", "/metrics").text
        XCTAssertFalse(metrics.contains("status=\"500\""), metrics)
    }

    /// A client that sends a whole request and then vanishes (a reset before the answer) must
    /// not keep its slot: otherwise `--concurrency` such clients lock everyone out for good.
    func testClientsThatVanishBeforeTheAnswerGiveTheirSlotBack() throws {
        let server = try ServerHarness(["--concurrency", "2"])
        defer { server.stop() }
        let text = String(repeating: "Russia interfered in the elections. ", count: 2000)
        let body = try JSONSerialization.data(withJSONObject: ["text": text])
        for _ in 0..<8 {
            let fd = try server.connect()
            var head = "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            head += "Content-Length: \(body.count)\r\n\r\n"
            ServerHarness.send(fd, Data(head.utf8) + body)
            var reset = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
            close(fd)
            usleep(100_000)
        }
        XCTAssertEqual(try waitForAFreeSlot(server, seconds: 10), 200, "slots of vanished clients are given back")
    }

    func testAFloodBeyondTheLimitIsRefusedAtOnceWith503AndRetryAfter() throws {
        let server = try ServerHarness(["--concurrency", "2"])
        defer { server.stop() }
        // Take both slots with batches whose bodies have not ended. (Memory under a flood is
        // measured on the release binary by scripts/hostile-input.)
        var holders: [(fd: Int32, statusLine: Data)] = []
        for _ in 0..<2 { holders.append(try startQuietBatch(server)) }
        XCTAssertEqual(try waitUntilFull(server, seconds: 10).status, 503, "both slots are taken")
        // 200 requests from 8 threads at once, each with a 64 KB text.
        let text = String(repeating: "Москва отказалась извиниться. ", count: 1200)
        final class Tally: @unchecked Sendable {
            let server: ServerHarness
            init(_ server: ServerHarness) { self.server = server }
            let lock = NSLock()
            var statuses: [Int: Int] = [:]
            var retryAfter: Set<String> = []
            var codes: Set<String> = []
        }
        let tally = Tally(server)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<25 {
                let r = try? tally.server.json("/v1/analyze", ["text": text])
                let code = (try? r?.json())?["code"] as? String
                tally.lock.lock()
                tally.statuses[r?.status ?? -1, default: 0] += 1
                if let value = r?.headers["retry-after"] { tally.retryAfter.insert(value) }
                if let code { tally.codes.insert(code) }
                tally.lock.unlock()
            }
        }
        XCTAssertEqual(tally.statuses, [503: 200], "every request beyond the limit is refused at once")
        XCTAssertEqual(tally.retryAfter, ["1"])
        XCTAssertEqual(tally.codes, ["overloaded"])
        // The admitted requests are unaffected: they finish normally.
        for (fd, statusLine) in holders {
            let line = "{\"id\":\"held\",\"text\":\"Russia.\"}\n"
            ServerHarness.send(fd, Data((String(line.utf8.count, radix: 16) + "\r\n" + line + "\r\n0\r\n\r\n").utf8))
            let response = ServerHarness.parse(statusLine + ServerHarness.readAll(fd))
            XCTAssertEqual(response.status, 200)
            XCTAssertTrue(response.text.contains("\"held\""), response.text)
            close(fd)
        }
        XCTAssertEqual(try waitForAFreeSlot(server, seconds: 10), 200)
    }

    func testErrorsNeverEchoInternalPathsOrTracesAndRequestsCannotChooseThePack() throws {
        let server = try ServerHarness()
        defer { server.stop() }
        var invalidUTF8 = Data("{\"text\":\"Russia ".utf8)
        invalidUTF8.append(contentsOf: [0xC0, 0xAF, 0xFF])
        invalidUTF8.append(Data("\"}".utf8))
        // Status nil: any 4xx.
        let cases: [(String, ServerHarness.Response, Int?, String?)] = [
            (
                "invalid UTF-8",
                try server.request("POST", "/v1/analyze", body: invalidUTF8, contentType: "application/json"),
                400, "invalid_utf8"
            ),
            (
                "deep nesting",
                try server.request(
                    "POST", "/v1/analyze", body: Data(String(repeating: "[", count: 100_000).utf8),
                    contentType: "application/json"), 400, "too_deep"
            ),
            ("number as text", try server.json("/v1/analyze", ["text": 42]), 422, "wrong_type"),
            ("array body", try server.json("/v1/analyze", [["text": "Russia."]]), 422, "not_an_object"),
            ("traversal", try server.request("GET", "/v1/../../etc/passwd"), 404, "not_found"),
            ("encoded traversal", try server.request("GET", "/%2e%2e/%2e%2e/etc/passwd"), 404, "not_found"),
            ("wrong method", try server.request("PUT", "/v1/lexicon"), nil, nil),
        ]
        let internalText = [
            ServerHarness.repository.path, ".swift", "Sources/", "Fatal error", "backtrace", "Lexicons/",
        ]
        for (name, response, status, code) in cases {
            XCTAssertEqual(response.status, status ?? (response.status / 100 == 4 ? response.status : 400), name)
            if let code { XCTAssertEqual(try response.json()["code"] as? String, code, name) }
            for leak in internalText {
                XCTAssertFalse(response.text.contains(leak), "\(name) echoes \(leak): \(response.text)")
            }
        }
        // Malformed HTTP is answered 400 by the HTTP layer, with an empty body.
        for raw in [
            "GARBAGE\r\n\r\n", "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 200_000))\r\n\r\n",
        ] {
            let fd = try server.connect()
            ServerHarness.send(fd, Data(raw.utf8))
            let response = ServerHarness.parse(ServerHarness.readAll(fd))
            close(fd)
            XCTAssertEqual(response.status, 400, String(raw.prefix(40)))
            XCTAssertEqual(response.body.count, 0)
        }
        // The pack is the one the server was started with, whatever a request says.
        let hash = try server.request("GET", "/v1/lexicon").json()["hash"] as? String
        XCTAssertNotNil(hash)
        // Another valid pack (one more cue, so another hash) that a request names.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("fw-pack-\(UUID().uuidString)")
            .path
        try FileManager.default.copyItem(
            atPath: ServerHarness.repository.appendingPathComponent("Lexicons/russia-azerbaijan").path,
            toPath: elsewhere)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: elsewhere) }
        let cues = elsewhere + "/cues/en.tsv"
        try (try String(contentsOfFile: cues, encoding: .utf8) + "\nzorgblat\tanti_russian.espionage\t2.0\n").write(
            toFile: cues, atomically: true, encoding: .utf8)
        for response in [
            try server.json(
                "/v1/analyze?pack=\(elsewhere)&lexicon=\(elsewhere)", ["text": "Russia.", "pack": elsewhere]),
            try server.request(
                "POST", "/v1/analyze/batch?pack=\(elsewhere)",
                body: Data("{\"text\":\"Russia.\",\"pack\":\"\(elsewhere)\"}\n".utf8),
                contentType: "application/x-ndjson"),
        ] {
            XCTAssertEqual(response.status, 200, response.text)
            XCTAssertTrue(response.text.contains("\"hash\":\"\(hash!)\""), response.text)
        }
        XCTAssertEqual(try server.request("GET", "/v1/lexicon").json()["hash"] as? String, hash)
    }

    /// Runs `framewatch serve` with this token file; it must refuse to start.
    func refusal(_ setUp: (URL) throws -> Void) throws -> (Int32, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let token = dir.appendingPathComponent("token")
        try setUp(token)
        let process = Process()
        process.executableURL = ServerHarness.binary
        process.arguments = ["serve", "--port", "0", "--token-file", token.path]
        process.currentDirectoryURL = ServerHarness.repository
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message.replacingOccurrences(of: token.path, with: "TOKEN"))
    }

    func testTokenFilesOthersCanReadOrThatHoldNoRealTokenAreRefused() throws {
        let good = Data("s3cret-token-0123456789abcdef\n".utf8)
        func file(_ data: Data, mode: Int) -> (URL) throws -> Void {
            { url in
                try data.write(to: url)
                chmod(url.path, mode_t(mode))
            }
        }
        let cases: [(String, (URL) throws -> Void, String)] = [
            (
                "world-readable", file(good, mode: 0o644),
                "the token file TOKEN is readable by other users (mode 644); run chmod 600 TOKEN"
            ),
            (
                "readable by others only", file(good, mode: 0o604),
                "the token file TOKEN is readable by other users (mode 604); run chmod 600 TOKEN"
            ),
            (
                "world-writable", file(good, mode: 0o602),
                "the token file TOKEN is readable by other users (mode 602); run chmod 600 TOKEN"
            ),
            (
                "a folder", { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false) },
                "the token file TOKEN is not a regular file"
            ),
            ("empty", file(Data("\n \n".utf8), mode: 0o600), "the token file TOKEN is empty"),
            (
                "short", file(Data("abc\n".utf8), mode: 0o600),
                "the token in TOKEN is shorter than 16 characters; use a long random token"
            ),
            ("missing", { _ in }, "cannot read the token file TOKEN: No such file or directory"),
        ]
        for (name, setUp, message) in cases {
            let (status, stderr) = try refusal(setUp)
            XCTAssertEqual(status, 2, name)
            XCTAssertTrue(stderr.contains(message), "\(name): \(stderr)")
        }
    }
}
