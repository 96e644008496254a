import Foundation
import FramewatchCore
import FramewatchStore
import Hummingbird

/// The routes of the monitoring database (`serve --db`): trends, stored articles, dashboard.
extension Handlers {
    /// Stores a scored document when the server has a database (a failure is a 500 `store_failed`:
    /// the server's fault, not the request's).
    func persist(_ report: Report, text: [UInt8]) throws {
        guard let database else { return }
        // An empty or blank text (a smoke test, a probe) is scored but not stored: it is no article
        // and would only add an undated, outlet-less row to the dashboard's counts.
        guard text.contains(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }) else { return }
        do {
            try database.save([StoredArticle(report: report, text: String(decoding: text, as: UTF8.self))])
        } catch {
            throw Problem(
                .internalServerError, code: "store_failed",
                detail: "the document was scored but could not be stored in the monitoring database")
        }
    }

    var requireDatabase: MonitorStore {
        get throws {
            guard let database else { throw HTTPError(.notFound) }
            return database
        }
    }

    /// The filters of /v1/trends and /dashboard, checked.
    func trendQuery(_ request: Request, dashboard: Bool) throws -> (TrendQuery, [String]) {
        let parameters = FormQuery(request)
        func value(_ name: String) -> String? {
            guard let v = parameters.first(name), !v.isEmpty else { return nil }
            return v
        }
        var by = TrendQuery.Grouping.week
        if let raw = value("by") {
            guard let grouping = TrendQuery.Grouping(rawValue: raw),
                !dashboard || grouping == .week || grouping == .month
            else {
                throw Problem(
                    .unprocessableContent, code: "invalid_query",
                    detail: "by is \"\(raw)\"; expected "
                        + (dashboard ? "week or month" : "week, month, outlet or entity"))
            }
            by = grouping
        }
        var top = 10
        if let raw = value("top") {
            guard let n = Int(raw) else {
                throw Problem(.unprocessableContent, code: "invalid_query", detail: "top is \"\(raw)\", not a number")
            }
            top = n
        }
        let query = TrendQuery(
            by: by, from: value("from"), to: value("to"), outlets: parameters.all("outlet"), language: value("lang"),
            top: top)
        do {
            // The selection as the store spells it (validated() normalises outlet names), so that
            // the dashboard ticks the box of an outlet whose name the browser sent with "\r\n".
            let validated = try query.validated()
            return (validated, validated.outlets)
        } catch let error as TrendQuery.Invalid {
            throw Problem(.unprocessableContent, code: "invalid_query", detail: error.description)
        }
    }

    // MARK: GET /v1/trends

    func trends(_ request: Request) throws -> Response {
        let database = try requireDatabase
        let (query, _) = try trendQuery(request, dashboard: false)
        return json(try database.trends(query).json())
    }

    // MARK: GET /v1/article?id=

    /// The `?id=` of an article route (422 when missing).
    func articleID(_ request: Request) throws -> String {
        guard let id = FormQuery(request).first("id"), !id.isEmpty else {
            throw Problem(.unprocessableContent, code: "missing_id", detail: "give the article's id: ?id=…")
        }
        return String(id)
    }

    static let noSuchArticle = Problem(.notFound, code: "no_such_article", detail: "no stored article has this id")

    /// `GET /v1/article?id=`: the report as stored, not decoded and encoded again (a 2 MB text's
    /// report is 35–50 MB: decoding it took seconds and held a worker thread).
    func article(_ request: Request) throws -> Response {
        let database = try requireDatabase
        let id = try articleID(request)
        guard let report = try database.reportJSON(id: id) else { throw Self.noSuchArticle }
        let history = try database.history(id: id)
        var out = Array("{\"id\":".utf8)
        var j = JSONWriter()
        j.string(id)
        out += j.bytes
        out += Array(",\"report\":".utf8) + Array(report.utf8)
        out += Array(",\"history\":".utf8) + (try encode(history)) + [UInt8(ascii: "}")]
        return json(out)
    }

    // MARK: GET /dashboard, /dashboard/article?id=

    func dashboard(_ request: Request) throws -> Response {
        let database = try requireDatabase
        let query: TrendQuery
        let selected: [String]
        do {
            (query, selected) = try trendQuery(request, dashboard: true)
        } catch let problem as Problem {
            // A person at a browser gets a page with the reason and a way back, not a JSON document.
            let body =
                "<p class=\"empty\" role=\"alert\">\(HTMLReport.escape(problem.detail))</p>"
                + "<p><a href=\"/dashboard\">Back to the dashboard with no filters</a></p>"
            return HTMLPage.response(
                Dashboard.page(title: "Framewatch — bad filter", body: body), status: problem.status)
        }
        return html(
            try Dashboard.render(
                store: database, query: query, selected: selected, signOut: configuration.token != nil))
    }

    /// Stored reports up to this size are shown in full on the dashboard's article page; a larger
    /// one (a text of hundreds of kilobytes) gets its scores and a pointer to the full report, as
    /// decoding and rendering it would take seconds.
    static let articlePageReportLimit = 4 << 20

    func dashboardArticle(_ request: Request) throws -> Response {
        // A person at a browser gets a page with the reason, not a JSON document.
        func errorPage(_ problem: Problem) -> Response {
            let body =
                "<p class=\"empty\" role=\"alert\">\(HTMLReport.escape(problem.detail))</p>"
                + "<p><a href=\"/dashboard\">Back to the dashboard</a></p>"
            return HTMLPage.response(
                Dashboard.page(title: "Framewatch — no article", body: body), status: problem.status)
        }
        let database = try requireDatabase
        let entry: LatestArticle
        do {
            let id = try articleID(request)
            guard let found = try database.articleEntry(id: id, maximumReportBytes: Self.articlePageReportLimit)
            else { throw Self.noSuchArticle }
            entry = found
        } catch let problem as Problem {
            return errorPage(problem)
        }
        if let article = entry.article {
            return html(
                HTMLReport.render(article.report, text: article.text, back: ("/dashboard", "Back to the dashboard")))
        }
        return html(Dashboard.largeArticlePage(entry))
    }

    /// An HTML page (``HTMLPage``).
    func html(_ page: String) -> Response { HTMLPage.response(page, status: .ok) }

    /// `POST /dashboard/login`: the sign-in form's token (`application/x-www-form-urlencoded`,
    /// field `token`). The right token sets the HttpOnly, SameSite=Strict cookie the dashboard's
    /// pages accept and sends the browser to the dashboard; a wrong one shows the form again (401).
    func dashboardLogin(_ request: Request) async throws -> Response {
        _ = try requireDatabase
        guard Self.mediaType(request) == "application/x-www-form-urlencoded" else {
            throw Problem(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "send the sign-in form (application/x-www-form-urlencoded, field token)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await Self.collect(request.body, upTo: 4096, within: configuration.idleTimeoutSeconds)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(.contentTooLarge, code: "too_large", detail: "the sign-in form is over 4096 bytes")
        }
        guard let token = configuration.token else {
            return SignInPage.redirect(setting: nil)  // no token configured: nothing to sign in to
        }
        let given = FormQuery(String(decoding: Array(buffer: buffer), as: UTF8.self)).first("token") ?? ""
        guard AuthMiddleware<BasicRequestContext>.constantTimeEquals(Array(given.utf8), Array(token.utf8)) else {
            return SignInPage.response(status: .unauthorized, wrongToken: true)
        }
        return SignInPage.redirect(setting: token)
    }
}

/// A server-rendered HTML page.
enum HTMLPage {
    /// The policy allows nothing but inline styles and data: images: the pages have no scripts,
    /// so injected markup could not run any.
    static func response(_ page: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

}

/// The dashboard's sign-in page, and the answers around it.
enum SignInPage {
    /// The form (no script): the token goes in a POST body, never in a URL or an access log.
    static func response(status: HTTPResponse.Status, wrongToken: Bool) -> Response {
        var page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framewatch — sign in</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em}
            input{font:inherit;width:100%;padding:.4em;margin:.5em 0}button{font:inherit;padding:.4em 1.2em}
            .error{color:#b00020}</style></head><body>
            <h1>Framewatch dashboard</h1>
            <p>This server requires its bearer token (the contents of <code>--token-file</code>).</p>

            """
        if wrongToken { page += "<p class=\"error\" role=\"alert\">That token is not the server's token.</p>\n" }
        page += """
            <form method="post" action="/dashboard/login">
            <label for="token">Token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <button type="submit">Open the dashboard</button>
            </form></body></html>

            """
        var response = HTMLPage.response(page, status: status)
        response.headers[.wwwAuthenticate] = "Bearer realm=\"framewatch\""
        return response
    }

    /// 303 to the dashboard, setting the sign-in cookie (``DashboardSession``, scoped to the
    /// dashboard's pages).
    static func redirect(setting token: String?) -> Response {
        var headers: HTTPFields = [.location: "/dashboard"]
        if let token {
            headers[.setCookie] =
                "\(DashboardSession.cookieName)=\(DashboardSession.value(token: Array(token.utf8))); Path=/dashboard; "
                + "Max-Age=\(DashboardSession.lifetimeSeconds); HttpOnly; SameSite=Strict"
        }
        return Response(status: .seeOther, headers: headers)
    }

    /// 303 to the dashboard (which shows the sign-in form again), clearing the sign-in cookie.
    static func signOut() -> Response {
        Response(
            status: .seeOther,
            headers: [
                .location: "/dashboard",
                .setCookie: "\(DashboardSession.cookieName)=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Strict",
            ])
    }
}

/// A query string decoded as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is
/// a space and `%XX` a byte of UTF-8, so an outlet named "Caspian Wire" ticked in the
/// dashboard's form arrives as itself. Invalid escapes are kept as written.
struct FormQuery {
    private var pairs: [(String, String)] = []

    /// The request's query string (`?a=1&b=x+y`), read as a form.
    init(_ request: Request) { self.init(request.uri.query ?? "") }

    /// Names whose value is not percent-encoded UTF-8 (`q=%FF%FE`): kept as written in `pairs`,
    /// for the route to refuse.
    private(set) var undecodable: Set<String> = []

    init(_ query: String) {
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(kv[0])
            var value = ""
            if kv.count > 1 {
                let spaced = kv[1].replacingOccurrences(of: "+", with: " ")
                if let decoded = spaced.removingPercentEncoding {
                    value = decoded
                } else {
                    value = spaced
                    undecodable.insert(name)
                }
            }
            pairs.append((name, value))
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
