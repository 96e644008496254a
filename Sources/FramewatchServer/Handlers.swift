import Foundation
import FramewatchCore
import FramewatchStore
import Hummingbird

/// The route handlers. Each parses the request, calls the pipeline, and writes the contract.
struct Handlers: Sendable {
    let configuration: ServerConfiguration
    let store: PackStore
    /// The monitoring database (`--db`), when there is one.
    let database: MonitorStore?
    let metrics: ServiceMetrics

    func handle(_ name: String, _ request: Request, _ context: BasicRequestContext) async throws -> Response {
        switch name {
        case "analyze": return try await analyze(request)
        case "analyzeBatch": return try batch(request)
        case "lexicon": return json(try encode(PackStatistics(store.lexicon)))
        case "entities": return try entities(request)
        case "reload": return try reload()
        case "healthz": return json(Array(#"{"status":"ok"}"#.utf8))
        case "readyz": return ready()
        case "metrics":
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        case "openapi": return json(OpenAPIDocument.json(configuration: configuration))
        case "trends": return try trends(request)
        case "article": return try article(request)
        case "dashboard": return try dashboard(request)
        case "dashboardArticle": return try dashboardArticle(request)
        case "dashboardLogin": return try await dashboardLogin(request)
        case "dashboardLoginForm":
            _ = try requireDatabase
            return SignInPage.redirect(setting: nil)
        case "dashboardLogout", "dashboardLogoutForm":
            _ = try requireDatabase
            return SignInPage.signOut()
        default: throw HTTPError(.notFound)
        }
    }

    func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: Self.body(bytes))
    }

    /// A response body; a large one (a report runs to 20 times its text) is written in slices, each
    /// waiting until the connection can take it, so that the body is in the socket, not queued in
    /// memory, by the time the request counts as done (``ShutdownDrainService`` waits for that).
    static func body(_ bytes: [UInt8]) -> ResponseBody {
        let slice = 256 * 1024
        guard bytes.count > slice else { return .init(byteBuffer: ByteBuffer(bytes: bytes)) }
        return ResponseBody(contentLength: bytes.count) { writer in
            var start = 0
            while start < bytes.count {
                let end = min(start + slice, bytes.count)
                try await writer.write(ByteBuffer(bytes: bytes[start..<end]))
                start = end
            }
            try await writer.finish(nil)
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// The media type without parameters, lower-cased.
    static func mediaType(_ request: Request) -> String {
        (request.headers[.contentType] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    /// 413 `too_large` with the limit as a member of the problem document.
    static func tooLarge(_ detail: String, limit: Int) -> Problem {
        var problem = Problem(.contentTooLarge, code: "too_large", detail: detail)
        problem.extra = [("limit", .number(Double(limit), String(limit)))]
        return problem
    }

    /// Refuses a body whose declared charset is not UTF-8 (`text/plain; charset=windows-1251`)
    /// with 415 and the reason, rather than reading it as UTF-8 and failing on its bytes.
    static func requireUTF8(_ request: Request) throws {
        let parameters = (request.headers[.contentType] ?? "").split(separator: ";").dropFirst()
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            let charset = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
            guard ["utf-8", "utf8", "us-ascii"].contains(charset) else {
                throw Problem(
                    .unsupportedMediaType, code: "unsupported_charset",
                    detail: "charset \(charset) is not supported: send the body in UTF-8")
            }
        }
    }

    // MARK: POST /v1/analyze

    func analyze(_ request: Request) async throws -> Response {
        let media = Self.mediaType(request)
        guard media == "application/json" || media == "text/plain" else {
            throw Problem(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail:
                    "send application/json {\"text\": …} or text/plain (got \(media.isEmpty ? "no content type" : media))"
            )
        }
        try Self.requireUTF8(request)
        let parameters = FormQuery(request)
        let explain = try Self.flag("explain", parameters.first("explain"))
        var language: Language? = nil
        if let lang = parameters.first("lang") {
            guard let l = Language(rawValue: lang.lowercased()) else {
                throw Problem(
                    .unprocessableContent, code: "unknown_language",
                    detail: "lang is \"\(lang)\"; expected en, ru or az")
            }
            language = l
        }
        let limit = configuration.maxDocumentBytes
        // A declared length over the limit is refused before any of the body is read (and a
        // client that sent `Expect: 100-continue` gets no go-ahead: it never uploads).
        if let length = request.headers[.contentLength].flatMap(Int.init),
            length > limit + (media == "application/json" ? ServerConfiguration.jsonEnvelopeBytes : 0)
        {
            throw Self.tooLarge("the document is over the limit of \(limit) bytes", limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await Self.collect(
                request.body, upTo: limit + (media == "application/json" ? ServerConfiguration.jsonEnvelopeBytes : 0),
                within: configuration.idleTimeoutSeconds)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Self.tooLarge("the document is over the limit of \(limit) bytes", limit: limit)
        }
        let bytes = Array(buffer: buffer)
        var input: DocumentInput
        if media == "application/json" {
            switch RecordReader.document(
                jsonLine: bytes[...], maximumBytes: limit + ServerConfiguration.jsonEnvelopeBytes)
            {
            case .success(let document): input = document
            case .failure(let error):
                metrics.recordError(error.code.rawValue)
                throw Problem(error)
            }
            guard input.text.count <= limit else {
                throw Self.tooLarge("the text is over the limit of \(limit) bytes", limit: limit)
            }
        } else {
            guard bytes.withUnsafeBufferPointer({ UTF8Decoding.validate($0) }) else {
                throw Problem(.badRequest, code: "invalid_utf8", detail: "the text/plain body is not valid UTF-8")
            }
            input = DocumentInput(text: bytes)
        }
        if let language, input.language == nil { input.language = language }
        let document = input
        let report = try store.withAnalyzer { analyzer in
            try analyzer.analyze(document.text, language: document.language, meta: document.meta, explain: explain)
        }
        metrics.scored(bytes: document.text.count)
        try persist(report, text: document.text)
        return json(report.jsonBytes())
    }

    // MARK: POST /v1/analyze/batch

    /// Reads a whole request body within `seconds` of its start. The idle timeout closes a
    /// connection whose body stops; one that trickles (a byte every second) would otherwise hold
    /// a scoring slot for as long as it likes and, with a few such clients, turn every other
    /// request away. (Checked as each chunk arrives: a sleeping timer task per request, cancelled
    /// on success, kept its memory until its deadline on Linux and the server grew under load.)
    static func collect(_ body: RequestBody, upTo limit: Int, within seconds: Int) async throws -> ByteBuffer {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var collected = ByteBuffer()
        do {
            for try await chunk in body {
                guard collected.readableBytes + chunk.readableBytes <= limit else {
                    throw HTTPError(.contentTooLarge)
                }
                var chunk = chunk
                collected.writeBuffer(&chunk)
                if ContinuousClock.now > deadline {
                    throw Problem(
                        .requestTimeout, code: "body_timeout",
                        detail: "the request body did not arrive within \(seconds) s (--timeout)")
                }
            }
        } catch let error as Problem {
            throw error
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            // The HTTP layer could not read the body (a bad chunk size, a connection closed
            // half-way): the client's fault, a 400, not a 500 the operator is alerted to.
            throw Problem(
                .badRequest, code: "malformed_body",
                detail: "the request body could not be read (malformed chunked encoding, or the connection closed)")
        }
        return collected
    }

    /// `?explain=true`, `1`, `yes` or `false`, `0`, `no` (any case; absent or empty is false).
    /// Anything else is a 422: `explain=maybe` silently read as false hid a typo.
    static func flag(_ name: String, _ value: String?) throws -> Bool {
        guard let value, !value.isEmpty else { return false }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            throw Problem(
                .unprocessableContent, code: "invalid_parameter",
                detail: "\(name) is \"\(value)\"; expected true or false")
        }
    }

    /// Slowest average upload a batch may keep up once `--timeout` seconds have passed.
    static let minimumBatchBytesPerSecond = 1024.0

    func batch(_ request: Request) throws -> Response {
        let media = Self.mediaType(request)
        guard
            ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines"].contains(
                media)
        else {
            throw Problem(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "send application/x-ndjson: one {\"text\": …} object per line")
        }
        try Self.requireUTF8(request)
        let maxBatch = configuration.maxBatchBytes
        let maxDocument = configuration.maxDocumentBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBatch {
            throw Self.tooLarge("the batch is over the limit of \(maxBatch) bytes", limit: maxBatch)
        }
        let body = request.body
        let store = store
        let metrics = metrics
        let handlers = self
        let explain = try Self.flag("explain", FormQuery(request).first("explain"))
        let idle = configuration.idleTimeoutSeconds
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody { writer in
                var splitter = LineSplitter(maximumLine: maxDocument + ServerConfiguration.jsonEnvelopeBytes)
                var lineNumber = 0
                var total = 0
                func score(_ line: LineSplitter.Line) -> [UInt8] {
                    lineNumber += 1
                    let result: Result<DocumentInput, RecordError>
                    switch line {
                    case .complete(let bytes):
                        result = RecordReader.document(jsonLine: bytes[...], maximumBytes: maxDocument)
                    case .tooLarge(let size):
                        result = .failure(
                            RecordError(.tooLarge, "line of \(size) bytes is over the limit of \(maxDocument) bytes"))
                    }
                    let scored = store.withAnalyzerResult { $0.score(record: result, explain: explain) }
                    switch scored {
                    case .success(let report):
                        metrics.scored(bytes: report.stats.bytes)
                        if case .success(let input) = result {
                            do {
                                try handlers.persist(report, text: input.text)
                            } catch {
                                let failure = RecordError(
                                    .analysisFailed, "scored but not stored: the database refused it", id: report.id)
                                metrics.recordError("store_failed")
                                return failure.jsonLine(line: lineNumber) + [0x0A]
                            }
                        }
                        return report.jsonLine(line: lineNumber) + [0x0A]
                    case .failure(let error):
                        metrics.recordError(error.code.rawValue)
                        return error.jsonLine(line: lineNumber) + [0x0A]
                    }
                }
                let started = ContinuousClock.now
                for try await buffer in body {
                    total += buffer.readableBytes
                    // A trickled batch holds a slot: below 1 KB/s after --timeout, stop reading.
                    let elapsed = ContinuousClock.now - started
                    if elapsed > .seconds(idle),
                        Double(total) / (Double(elapsed.components.seconds) + 1e-3) < Self.minimumBatchBytesPerSecond
                    {
                        lineNumber += 1
                        let error = RecordError(
                            .unreadable,
                            "the batch arrived slower than 1 KB/s after \(idle) s (--timeout); the rest was not read")
                        try await writer.write(ByteBuffer(bytes: error.jsonLine(line: lineNumber) + [0x0A]))
                        break
                    }
                    if total > maxBatch {
                        lineNumber += 1
                        let error = RecordError(
                            .tooLarge, "the batch is over the limit of \(maxBatch) bytes; the rest was not read")
                        try await writer.write(ByteBuffer(bytes: error.jsonLine(line: lineNumber) + [0x0A]))
                        break
                    }
                    var out: [UInt8] = []
                    for line in splitter.feed(buffer.readableBytesView) { out += score(line) }
                    if !out.isEmpty { try await writer.write(ByteBuffer(bytes: out)) }
                }
                if total <= maxBatch, let last = splitter.finish() {
                    try await writer.write(ByteBuffer(bytes: score(last)))
                }
                try await writer.finish(nil)
            })
    }

    // MARK: GET /v1/entities?q=

    /// The query is read as a form value, as every route reads its parameters: `+` is a space
    /// (`?q=Elmar+Mammadyarov`, as HTML forms and `urlencode` send it).
    func entities(_ request: Request) throws -> Response {
        let parameters = FormQuery(request)
        guard !parameters.undecodable.contains("q") else {
            throw Problem(
                .badRequest, code: "invalid_query",
                detail: "q is not percent-encoded UTF-8 (encode the query: curl --get --data-urlencode 'q=…')")
        }
        let query = parameters.first("q") ?? ""
        guard !query.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem(.badRequest, code: "invalid_query", detail: "q holds a control character")
        }
        var j = JSONWriter(capacity: 4096)
        j.object { j in
            j.field("query", query)
            j.field("entities") { j in j.array { j in for e in store.lexicon.searchEntities(query) { e.write(to: &j) } }
            }
        }
        return json(j.bytes)
    }

    // MARK: POST /v1/admin/reload

    func reload() throws -> Response {
        guard configuration.token != nil else {
            throw Problem(
                .forbidden, code: "reload_disabled",
                detail: "reloading over HTTP needs the server to run with --token-file; send SIGHUP instead")
        }
        do {
            let (previous, current) = try store.reload()
            metrics.lexicon(current)
            var j = JSONWriter()
            j.object { j in
                j.field("previous") { previous.write(to: &$0) }
                j.field("lexicon") { current.write(to: &$0) }
            }
            return json(j.bytes)
        } catch let error as PackLoadError {
            var problem = Problem(
                .unprocessableContent, code: "invalid_pack",
                detail:
                    "the pack on disk has \(error.problems.filter { $0.severity == .error }.count) error(s); the loaded pack stays"
            )
            // Pack-relative paths (cues/en.tsv, not en.tsv: a pack has several en.tsv), never a
            // server path: an absolute or escaping one is cut to its file name. Line 0 (the file
            // as a whole) is left out.
            func shown(_ file: String) -> String {
                file.hasPrefix("/") || file.split(separator: "/").contains("..")
                    ? (file as NSString).lastPathComponent : file
            }
            problem.extra = [
                (
                    "errors",
                    .array(
                        error.problems.filter { $0.severity == .error }.prefix(100).map { p in
                            var members: [(String, JSONValue)] = [("file", .string(shown(p.file)))]
                            if p.line > 0 { members.append(("line", .number(Double(p.line), "\(p.line)"))) }
                            members.append(("message", .string(p.message)))
                            return .object(members)
                        })
                )
            ]
            throw problem
        }
    }

    func ready() -> Response {
        let identity = store.lexicon.pack.identity
        var j = JSONWriter()
        j.object { j in
            j.field("status", "ready")
            j.field("lexicon") { identity.write(to: &$0) }
        }
        return json(j.bytes)
    }
}

/// Splits a byte stream into lines (LF; a CR before it is kept for the record parser to trim),
/// without keeping more than `maximumLine` bytes of one line.
struct LineSplitter {
    enum Line {
        case complete([UInt8])
        case tooLarge(Int)
    }

    let maximumLine: Int
    private var pending: [UInt8] = []
    private var overflow = 0

    init(maximumLine: Int) { self.maximumLine = maximumLine }

    mutating func feed<C: Collection>(_ bytes: C) -> [Line] where C.Element == UInt8 {
        var lines: [Line] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            append(bytes[start..<newline])
            lines.append(take())
            start = bytes.index(after: newline)
        }
        append(bytes[start...])
        return lines
    }

    mutating func finish() -> Line? {
        guard !pending.isEmpty || overflow > 0 else { return nil }
        return take()
    }

    private mutating func append<S: Collection>(_ part: S) where S.Element == UInt8 {
        if overflow > 0 || pending.count + part.count > maximumLine {
            overflow += pending.count + part.count
            pending.removeAll()
        } else {
            pending.append(contentsOf: part)
        }
    }

    private mutating func take() -> Line {
        defer {
            pending.removeAll(keepingCapacity: true)
            overflow = 0
        }
        return overflow > 0 ? .tooLarge(overflow) : .complete(pending)
    }
}
