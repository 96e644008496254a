import Hummingbird

/// The service's routes, in one table: the router is built from it and so is the OpenAPI
/// document, so the two cannot disagree.
enum Routes {
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        /// Name used in metrics and the OpenAPI operationId.
        var name: String
        var summary: String
        /// Answers without a token (health checks, the dashboard's sign-in).
        var isPublic: Bool = false
        /// Served (and documented) only when the server has a monitoring database (`--db`).
        var needsDatabase: Bool = false
    }

    static let all: [Route] = [
        Route(method: .post, path: "/v1/analyze", name: "analyze", summary: "Score one document (JSON or plain text)."),
        Route(
            method: .post, path: "/v1/analyze/batch", name: "analyzeBatch",
            summary: "Score NDJSON documents, streamed: one output line per input line."),
        Route(method: .get, path: "/v1/lexicon", name: "lexicon", summary: "The loaded pack: identity and counts."),
        Route(method: .get, path: "/v1/entities", name: "entities", summary: "Search the gazetteer (?q=)."),
        Route(
            method: .post, path: "/v1/admin/reload", name: "reload",
            summary: "Reload the pack from disk; a pack that fails validation is rejected and the old one stays."),
        Route(method: .get, path: "/healthz", name: "healthz", summary: "The process is up.", isPublic: true),
        Route(method: .get, path: "/readyz", name: "readyz", summary: "The pack is loaded.", isPublic: true),
        Route(method: .get, path: "/metrics", name: "metrics", summary: "Prometheus metrics."),
        Route(method: .get, path: "/openapi.json", name: "openapi", summary: "This API's OpenAPI 3.1 document."),
        Route(
            method: .get, path: "/v1/trends", name: "trends",
            summary: "Frame shares and mean scores per week, month, outlet or entity; flagged figures; top cues.",
            needsDatabase: true),
        Route(
            method: .get, path: "/v1/article", name: "article",
            summary: "A stored article's report (?id=) and its previous scorings.", needsDatabase: true),
        Route(
            method: .get, path: "/dashboard", name: "dashboard",
            summary: "The trend dashboard (HTML with inline SVG charts).", needsDatabase: true),
        Route(
            method: .get, path: "/dashboard/article", name: "dashboardArticle",
            summary: "A stored article's report as a standalone HTML page (?id=).", needsDatabase: true),
        Route(
            method: .post, path: "/dashboard/login", name: "dashboardLogin",
            summary:
                "Sign a browser in to the dashboard (a server with --token-file): the token as the form field "
                + "`token` sets an HttpOnly cookie that opens the dashboard pages, and only them.",
            isPublic: true, needsDatabase: true),
        Route(
            method: .get, path: "/dashboard/login", name: "dashboardLoginForm",
            summary: "Back to the dashboard, which shows the sign-in form to a browser not signed in (a reload or "
                + "bookmark of the sign-in address).",
            isPublic: true, needsDatabase: true),
        Route(
            method: .get, path: "/dashboard/logout", name: "dashboardLogout",
            summary: "Sign a browser out: clears the dashboard's sign-in cookie and goes back to the dashboard.",
            isPublic: true, needsDatabase: true),
        Route(
            method: .post, path: "/dashboard/logout", name: "dashboardLogoutForm",
            summary: "The same as GET /dashboard/logout, for a sign-out button in a form.",
            isPublic: true, needsDatabase: true),
    ]

    /// The routes a server with (or without) a database serves.
    static func active(hasDatabase: Bool) -> [Route] { all.filter { hasDatabase || !$0.needsDatabase } }

    /// Routes that answer without a token: the health checks and the dashboard's sign-in form.
    static func isPublic(_ path: String) -> Bool { all.contains { $0.isPublic && $0.path == path } }

    /// The dashboard's pages, which a browser may open with the sign-in cookie instead of a header.
    static func isDashboardPage(_ path: String) -> Bool { path == "/dashboard" || path.hasPrefix("/dashboard/") }

    /// The route name of a request, for metrics: a known path keeps its route's name whatever the
    /// method (a 405 on `/v1/analyze` is counted under `analyze`, so misuse of a route is not
    /// mixed with scanning); unknown paths share one name.
    static func routeName(method: HTTPRequest.Method, path: String) -> String {
        // HEAD is answered by the GET route (Hummingbird's generated HEAD endpoints).
        let method = method == .head ? .get : method
        return (all.first { $0.path == path && $0.method == method } ?? all.first { $0.path == path })?.name
            ?? "unknown"
    }
}
