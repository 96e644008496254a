import Foundation
import FramewatchCore
import Hummingbird
import Logging
import Synchronization

/// Access log and metrics for every request: method, path, status, duration, request id (also
/// returned as `X-Request-Id`).
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = Routes.routeName(method: request.method, path: request.uri.path)
        metrics.request(
            route: route, method: request.method.rawValue, status: Int(response.status.code), seconds: seconds)
        response.headers[.init("X-Request-Id")!] = context.id
        context.logger.info(
            "request",
            metadata: [
                "request_id": "\(context.id)", "method": "\(request.method)", "path": "\(request.uri.path)",
                "route": "\(route)", "status": "\(response.status.code)",
                "duration_ms": "\(String(format: "%.2f", seconds * 1000))",
            ])
        return response
    }
}

/// Bearer-token authentication for every route but the public ones (health checks, the
/// dashboard's sign-in), compared in constant time. A browser cannot send the header, so the
/// dashboard's pages also accept the HttpOnly cookie that `POST /dashboard/login` sets, and a
/// browser that has none gets the sign-in form instead of a problem document.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    /// The sign-in cookie of the dashboard's pages (``DashboardSession``).
    static var cookieName: String { DashboardSession.cookieName }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        if Routes.isPublic(path) { return try await next(request, context) }
        // The scheme is case-insensitive (RFC 9110 §11.1): "Bearer", "bearer", "BEARER".
        let header = Array((request.headers[.authorization] ?? "").utf8)
        let scheme = Array("bearer ".utf8)
        let matches =
            header.count > scheme.count
            && zip(header, scheme).allSatisfy { (a, b) in (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b }
        let given = matches ? Array(header.dropFirst(scheme.count)) : []
        if Self.constantTimeEquals(given, token) { return try await next(request, context) }
        if Routes.isDashboardPage(path) {
            if let cookie = Self.cookie(Self.cookieName, in: request.headers[.cookie] ?? ""),
                DashboardSession.isValid(cookie, token: token)
            {
                return try await next(request, context)
            }
            if request.method == .get { return SignInPage.response(status: .unauthorized, wrongToken: false) }
        }
        var problem = Problem(
            .unauthorized, code: "unauthorized", detail: "a valid Authorization: Bearer token is required")
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"framewatch\""
        throw problem
    }

    /// The value of cookie `name` in a `Cookie` header ("a=1; framewatch_token=…").
    static func cookie(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 && pair[0].trimmingCharacters(in: .whitespaces) == name {
                return pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Equality whose running time does not depend on where the inputs differ.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}

/// Bounds the requests being scored at once: beyond the limit, 503 with Retry-After, so a flood
/// costs neither memory nor latency for the requests already admitted.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    let retryAfter: Int
    /// Shared with the shutdown drain, which waits for the count to reach zero.
    let drain: ShutdownDrain
    var inFlight: InFlightCounter { drain.inFlight }

    /// One admitted request's slot, given back once: when its body is written, or when the
    /// response is dropped unwritten (the client went away first).
    final class Slot: Sendable {
        let counter: InFlightCounter
        let released = Atomic<Bool>(false)
        init(_ counter: InFlightCounter) { self.counter = counter }
        func release() {
            if !released.exchange(true, ordering: .relaxed) { counter.value.wrappingSubtract(1, ordering: .relaxed) }
        }
        deinit { release() }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if Routes.isPublic(request.uri.path) || request.uri.path == "/metrics" {
            return try await next(request, context)
        }
        // Shutting down: what is in flight finishes, nothing new starts (a client that reuses
        // its connection is told to go elsewhere and the connection is closed).
        if drain.draining.load(ordering: .relaxed) {
            var problem = Problem(
                .serviceUnavailable, code: "shutting_down",
                detail: "the server is shutting down; requests in flight finish, new ones are refused")
            problem.headers[.connection] = "close"
            throw problem
        }
        let now = inFlight.value.wrappingAdd(1, ordering: .relaxed).newValue
        guard now <= limit else {
            inFlight.value.wrappingSubtract(1, ordering: .relaxed)
            var problem = Problem(
                .serviceUnavailable, code: "overloaded",
                detail: "the server is at its limit of \(limit) concurrent requests")
            problem.headers[.retryAfter] = String(retryAfter)
            throw problem
        }
        do {
            var response = try await next(request, context)
            // A streamed body is still being produced: release the slot when it is written.
            let slot = Slot(inFlight)
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer { slot.release() }
                try await body.write(writer)
            }
            return response
        } catch {
            inFlight.value.wrappingSubtract(1, ordering: .relaxed)
            throw error
        }
    }
}

/// The dashboard's sign-in cookie, `framewatch_session=EXPIRES.MAC`: EXPIRES is a Unix time 12
/// hours after sign-in and MAC the HMAC-SHA-256 of `framewatch-dashboard:EXPIRES` under the
/// server's token, in hexadecimal. It opens the dashboard's pages until it expires and gives
/// nothing away of the token (the API and admin routes still need the token itself); signing
/// out clears it, and a new token file revokes every cookie issued under the old one.
enum DashboardSession {
    static let cookieName = "framewatch_session"
    static let lifetimeSeconds = 12 * 3600

    /// A fresh cookie value, valid for ``lifetimeSeconds`` from `now`.
    static func value(token: [UInt8], now: Date = Date()) -> String {
        let expires = Int(now.timeIntervalSince1970) + lifetimeSeconds
        return "\(expires)." + hex(mac(token: token, expires: expires))
    }

    /// Whether `cookie` was issued under `token` and has not expired.
    static func isValid(_ cookie: String, token: [UInt8], now: Date = Date()) -> Bool {
        let parts = cookie.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 12, let expires = Int(parts[0]),
            expires > Int(now.timeIntervalSince1970)
        else { return false }
        let expected = Array(hex(mac(token: token, expires: expires)).utf8)
        return AuthMiddleware<BasicRequestContext>.constantTimeEquals(Array(parts[1].utf8), expected)
    }

    static func mac(token: [UInt8], expires: Int) -> [UInt8] {
        SHA256.hmac(key: token, message: Array("framewatch-dashboard:\(expires)".utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
