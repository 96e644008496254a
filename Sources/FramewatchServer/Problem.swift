import Foundation
import FramewatchCore
import Hummingbird

/// An RFC 9457 problem document: every error the service returns, with a stable `code`.
///
/// ```json
/// {"type":"urn:framewatch:problem:missing_text","title":"Unprocessable Content","status":422,
///  "code":"missing_text","detail":"the record has no \"text\" field","instance":"/v1/analyze"}
/// ```
/// Details never include file paths or stack traces.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    /// Extra members (`errors` of a rejected pack, `limit` of a too-large body…), as JSON values.
    public var extra: [(String, JSONValue)] = []
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, detail: String) {
        self.status = status
        self.code = code
        self.detail = detail
    }

    /// The problem for a batch/analysis record error.
    init(_ error: RecordError) {
        switch error.code {
        case .invalidJSON, .invalidUTF8, .tooDeep, .emptyRecord, .invalidCSV, .unreadable:
            self.init(.badRequest, code: error.code.rawValue, detail: error.message)
        case .tooLarge:
            self.init(.contentTooLarge, code: error.code.rawValue, detail: error.message)
        case .notAnObject, .missingText, .wrongType, .unknownLanguage:
            self.init(.unprocessableContent, code: error.code.rawValue, detail: error.message)
        case .analysisFailed:
            self.init(.internalServerError, code: error.code.rawValue, detail: "the analysis failed")
        }
    }

    func response(instance: String) -> Response {
        var j = JSONWriter(capacity: 256)
        j.object { j in
            j.field("type", "urn:framewatch:problem:\(code)")
            j.field("title", status.reasonPhrase)
            j.field("status", Int(status.code))
            j.field("code", code)
            j.field("detail", detail)
            j.field("instance", instance)
            for (key, value) in extra { j.field(key) { $0.raw(JSONEncoding.encode(value)) } }
        }
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: j.bytes)))
    }
}

/// Serialises a ``JSONValue`` (for problem members).
enum JSONEncoding {
    static func encode(_ value: JSONValue) -> [UInt8] {
        var j = JSONWriter(capacity: 64)
        write(value, &j)
        return j.bytes
    }

    static func write(_ value: JSONValue, _ j: inout JSONWriter) {
        switch value {
        case .null: j.null()
        case .bool(let b): j.bool(b)
        case .number(let d, _): j.number(d)
        case .string(let s): j.string(s)
        case .array(let items): j.array { j in for item in items { write(item, &j) } }
        case .object(let fields): j.object { j in for (k, v) in fields { j.field(k) { write(v, &$0) } } }
        }
    }
}

/// Turns every error into a problem document with the right status; unknown errors become a
/// plain 500 that reveals nothing of the server's internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response(instance: request.uri.path)
        } catch let error as any HTTPResponseError {
            // A known path with another method: 405 with the methods it has (RFC 9110 §15.5.6).
            var methods = Routes.all.filter { $0.path == request.uri.path }.map(\.method.rawValue)
            if methods.contains("GET") { methods.append("HEAD") }
            if error.status == .notFound, !methods.isEmpty {
                var problem = Problem(
                    .methodNotAllowed, code: "method_not_allowed",
                    detail: "\(request.uri.path) answers \(methods.joined(separator: ", ")), not \(request.method)")
                problem.headers[.allow] = methods.joined(separator: ", ")
                return problem.response(instance: request.uri.path)
            }
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .contentTooLarge: code = "too_large"
            case .methodNotAllowed: code = "method_not_allowed"
            case .badRequest: code = "bad_request"
            default: code = "http_\(error.status.code)"
            }
            let detail: String
            switch error.status {
            case .notFound: detail = "no route \(request.method) \(request.uri.path); see /openapi.json"
            case .contentTooLarge: detail = "the request body is over the limit"
            default: detail = error.status.reasonPhrase
            }
            return Problem(error.status, code: code, detail: detail).response(instance: request.uri.path)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return Problem(.internalServerError, code: "internal", detail: "the server could not complete the request")
                .response(instance: request.uri.path)
        }
    }
}
