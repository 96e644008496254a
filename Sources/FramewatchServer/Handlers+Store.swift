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
        let parameters = FormQuery(request.uri.query ?? "")
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
        let outlets = parameters.all("outlet")
        let query = TrendQuery(
            by: by, from: value("from"), to: value("to"), outlets: outlets, language: value("lang"), top: top)
        do {
            return (try query.validated(), outlets)
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

    func storedArticle(_ request: Request) throws -> StoredArticle {
        let database = try requireDatabase
        guard let id = FormQuery(request.uri.query ?? "").first("id"), !id.isEmpty else {
            throw Problem(.unprocessableContent, code: "missing_id", detail: "give the article's id: ?id=…")
        }
        guard let article = try database.article(id: String(id)) else {
            throw Problem(.notFound, code: "no_such_article", detail: "no stored article has this id")
        }
        return article
    }

    func article(_ request: Request) throws -> Response {
        let article = try storedArticle(request)
        let history = try requireDatabase.history(id: article.id)
        var out = Array("{\"id\":".utf8)
        var j = JSONWriter()
        j.string(article.id)
        out += j.bytes
        out += Array(",\"report\":".utf8) + Array(article.reportJSON.utf8)
        out += Array(",\"history\":".utf8) + (try encode(history)) + [UInt8(ascii: "}")]
        return json(out)
    }

    // MARK: GET /dashboard, /dashboard/article?id=

    func dashboard(_ request: Request) throws -> Response {
        let database = try requireDatabase
        let (query, selected) = try trendQuery(request, dashboard: true)
        return html(try Dashboard.render(store: database, query: query, selected: selected))
    }

    func dashboardArticle(_ request: Request) throws -> Response {
        let article = try storedArticle(request)
        return html(HTMLReport.render(article.report, text: article.text))
    }

    /// An HTML page. The policy allows nothing but inline styles and data: images: the pages
    /// have no scripts, so injected markup could not run any.
    func html(_ page: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}

/// A query string decoded as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is
/// a space and `%XX` a byte of UTF-8, so an outlet named "Caspian Wire" ticked in the
/// dashboard's form arrives as itself. Invalid escapes are kept as written.
struct FormQuery {
    private var pairs: [(String, String)] = []

    init(_ query: String) {
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.decode(kv[0]), kv.count > 1 ? Self.decode(kv[1]) : ""))
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
