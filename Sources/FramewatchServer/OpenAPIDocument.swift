import FramewatchCore

/// The OpenAPI 3.1 document of the service, generated from ``Routes/all`` (so every route served
/// is described and every route described is served).
enum OpenAPIDocument {
    static func json(configuration: ServerConfiguration) -> [UInt8] {
        var j = JSONWriter(capacity: 8192)
        j.object { j in
            j.field("openapi", "3.1.0")
            j.field("info") { j in
                j.object { j in
                    j.field("title", "Framewatch")
                    j.field("version", Framewatch.version)
                    j.field(
                        "description",
                        "How Russia is framed in Russia–Azerbaijan news (anti-Russian vs conciliatory), the tone toward "
                            + "each target and who is named, with the evidence. Errors are RFC 9457 problem documents.")
                }
            }
            j.field("paths") { j in
                j.object { j in
                    let routes = Routes.active(hasDatabase: configuration.databasePath != nil)
                    for path in uniquePaths(routes) {
                        j.field(path) { j in
                            j.object { j in
                                for route in routes where route.path == path {
                                    j.field(route.method.rawValue.lowercased()) { operation(route, &$0) }
                                }
                            }
                        }
                    }
                }
            }
            // With a token every route needs it (bearer), but those that declare `security: []`.
            if configuration.token != nil {
                j.field("security") { $0.array { $0.object { $0.field("bearer") { $0.array { _ in } } } } }
            }
            j.field("components") { components(&$0) }
        }
        return j.bytes
    }

    static func uniquePaths(_ routes: [Routes.Route]) -> [String] {
        var seen: [String] = []
        for r in routes where !seen.contains(r.path) { seen.append(r.path) }
        return seen
    }

    static func ref(_ name: String, _ j: inout JSONWriter) {
        j.object { $0.field("$ref", "#/components/schemas/\(name)") }
    }

    static func content(_ type: String, schema: String, _ j: inout JSONWriter) {
        j.object { j in j.field(type) { j in j.object { j in j.field("schema") { ref(schema, &$0) } } } }
    }

    /// A 200 response whose body follows a schema of the components.
    static func success(_ description: String, _ mediaType: String, schema: String, _ j: inout JSONWriter) {
        j.object { j in
            j.field("description", description)
            j.field("content") { content(mediaType, schema: schema, &$0) }
        }
    }

    /// A 200 response whose body is of a plain JSON type (`string`, `object`).
    static func success(_ description: String, _ mediaType: String, type: String, _ j: inout JSONWriter) {
        j.object { j in
            j.field("description", description)
            j.field("content") { j in
                j.object { j in
                    j.field(mediaType) { j in
                        j.object { j in j.field("schema") { $0.object { $0.field("type", type) } } }
                    }
                }
            }
        }
    }

    static func problem(_ description: String, _ j: inout JSONWriter) {
        j.object { j in
            j.field("description", description)
            j.field("content") { content("application/problem+json", schema: "Problem", &$0) }
        }
    }

    static func operation(_ route: Routes.Route, _ j: inout JSONWriter) {
        j.object { j in
            j.field("operationId", route.name)
            j.field("summary", route.summary)
            if route.isPublic {
                j.field("security") { $0.array { _ in } }
            }
            switch route.name {
            case "analyze":
                j.field("parameters") { j in
                    j.array { j in
                        queryParameter("explain", "Add the rule trace to every evidence item.", type: "boolean", &j)
                        queryParameter(
                            "lang", "Impose a language (en, ru, az) on a text/plain body.", type: "string", &j)
                    }
                }
                j.field("requestBody") { j in
                    j.object { j in
                        j.field("required", true)
                        j.field("content") { j in
                            j.object { j in
                                j.field("application/json") { j in
                                    j.object { j in j.field("schema") { ref("Document", &$0) } }
                                }
                                j.field("text/plain") { j in
                                    j.object { j in j.field("schema") { $0.object { $0.field("type", "string") } } }
                                }
                            }
                        }
                    }
                }
            case "analyzeBatch":
                j.field("parameters") { j in
                    j.array { j in queryParameter("explain", "Add the rule trace.", type: "boolean", &j) }
                }
                j.field("requestBody") { j in
                    j.object { j in
                        j.field("required", true)
                        j.field("content") { j in
                            j.object { j in
                                j.field("application/x-ndjson") { j in
                                    j.object { j in
                                        j.field("schema") { ref("Document", &$0) }
                                        j.field("description", "One Document per line.")
                                    }
                                }
                            }
                        }
                    }
                }
            case "dashboardLogin":
                j.field("requestBody") { j in
                    j.object { j in
                        j.field("required", true)
                        j.field("content") { content("application/x-www-form-urlencoded", schema: "SignIn", &$0) }
                    }
                }
            case "entities":
                j.field("parameters") { j in
                    j.array { j in
                        queryParameter(
                            "q", "A name in any script (form-encoded: `+` is a space); empty lists everything.",
                            type: "string", &j)
                    }
                }
            case "trends", "dashboard":
                j.field("parameters") { j in
                    j.array { j in
                        queryParameter(
                            "by", "Grouping: week, month, outlet or entity (the dashboard: week or month).",
                            type: "string", &j)
                        queryParameter("from", "First published day included (YYYY-MM-DD).", type: "string", &j)
                        queryParameter("to", "Last published day included (YYYY-MM-DD).", type: "string", &j)
                        queryParameter("outlet", "Only this outlet (repeatable).", type: "string", &j)
                        queryParameter("lang", "Only this language: en, ru or az.", type: "string", &j)
                        queryParameter("top", "Figures, cues and entity rows listed (1-1000).", type: "integer", &j)
                    }
                }
            case "article", "dashboardArticle":
                j.field("parameters") { j in
                    j.array { j in
                        j.object { j in
                            j.field("name", "id")
                            j.field("in", "query")
                            j.field("required", true)
                            j.field("description", "The article's id (as given in the input, or sha256:… of its text).")
                            j.field("schema") { $0.object { $0.field("type", "string") } }
                        }
                    }
                }
            default: break
            }
            j.field("responses") { j in
                j.object { j in
                    switch route.name {
                    case "analyze":
                        j.field("200") { success("The report", "application/json", schema: "Report", &$0) }
                        j.field("400") { problem("Malformed JSON or invalid UTF-8", &$0) }
                        j.field("408") { problem("The body did not arrive within the timeout (--timeout)", &$0) }
                        j.field("413") { problem("The document is over the limit", &$0) }
                        j.field("415") { problem("Unsupported content type", &$0) }
                        j.field("422") {
                            problem("Missing or mistyped `text`, unknown `lang`, `explain` not true or false", &$0)
                        }
                    case "analyzeBatch":
                        j.field("200") {
                            success(
                                "One line per input line: a Report, or {id, line, error}. A chunked body that "
                                    + "passes --max-batch-bytes (or trickles below 1 KB/s after --timeout) ends with "
                                    + "one error line (too_large, unreadable) for the line where it stopped; the lines "
                                    + "after it are not read, so they have no output line: resend them.",
                                "application/x-ndjson", schema: "BatchLine", &$0)
                        }
                        j.field("413") { problem("The batch is over the limit (declared by Content-Length)", &$0) }
                        j.field("422") { problem("`explain` is not true or false", &$0) }
                        j.field("415") { problem("Unsupported content type", &$0) }
                    case "reload":
                        j.field("200") { success("The new pack's identity", "application/json", schema: "Reload", &$0) }
                        j.field("403") { problem("Reload over HTTP is disabled (no token configured)", &$0) }
                        j.field("422") { problem("The pack on disk is invalid; the old one stays", &$0) }
                    case "metrics":
                        j.field("200") { success("Prometheus text format", "text/plain", type: "string", &$0) }
                    case "entities":
                        j.field("200") { success("OK", "application/json", type: "object", &$0) }
                        j.field("400") {
                            problem("The query holds a control character or is not percent-encoded UTF-8", &$0)
                        }
                    case "trends":
                        j.field("200") {
                            success(
                                "The trend report (the JSON of `framewatch report`)", "application/json",
                                schema: "Trends", &$0)
                        }
                        j.field("422") { problem("A filter value is invalid (date, grouping, language, top)", &$0) }
                    case "dashboardLogin":
                        j.field("303") { j in
                            j.object { j in
                                j.field(
                                    "description",
                                    "Signed in: the framewatch_session cookie is set (HttpOnly, SameSite=Strict, "
                                        + "Path=/dashboard, 12 hours; an HMAC, not the token); go to /dashboard")
                            }
                        }
                        j.field("401") {
                            success("The token is wrong: the sign-in form again", "text/html", type: "string", &$0)
                        }
                        j.field("415") { problem("Not a form (application/x-www-form-urlencoded)", &$0) }
                    case "dashboardLoginForm", "dashboardLogout", "dashboardLogoutForm":
                        j.field("303") { j in
                            j.object { j in
                                j.field(
                                    "description",
                                    route.name != "dashboardLoginForm"
                                        ? "Signed out: the framewatch_session cookie is cleared; go to /dashboard"
                                        : "Go to /dashboard")
                            }
                        }
                    case "dashboard", "dashboardArticle":
                        j.field("200") { success("An HTML page", "text/html", type: "string", &$0) }
                        if route.name == "dashboardArticle" {
                            j.field("404") {
                                success(
                                    "No stored article has this id: an HTML page with the reason", "text/html",
                                    type: "string", &$0)
                            }
                            j.field("422") {
                                success(
                                    "The id parameter is missing: an HTML page with the reason", "text/html",
                                    type: "string", &$0)
                            }
                        } else {
                            j.field("422") {
                                success(
                                    "A filter value is invalid: an HTML page with the reason", "text/html",
                                    type: "string", &$0)
                            }
                        }
                    case "article":
                        j.field("200") {
                            success("{id, report, history}", "application/json", schema: "StoredArticle", &$0)
                        }
                        j.field("404") { problem("No stored article has this id", &$0) }
                        j.field("422") { problem("The id parameter is missing", &$0) }
                    default:
                        j.field("200") { success("OK", "application/json", type: "object", &$0) }
                    }
                    if !route.isPublic {
                        j.field("401") { problem("Missing or wrong bearer token (when the server has one)", &$0) }
                    }
                    j.field("503") { problem("At the concurrency limit (Retry-After says when to retry)", &$0) }
                }
            }
        }
    }

    static func queryParameter(_ name: String, _ description: String, type: String, _ j: inout JSONWriter) {
        j.object { j in
            j.field("name", name)
            j.field("in", "query")
            j.field("required", false)
            j.field("description", description)
            j.field("schema") { $0.object { $0.field("type", type) } }
        }
    }

    static func property(_ j: inout JSONWriter, _ name: String, _ type: String) {
        j.field(name) { $0.object { $0.field("type", type) } }
    }

    static func components(_ j: inout JSONWriter) {
        j.object { j in
            j.field("securitySchemes") { j in
                j.object { j in
                    j.field("bearer") { j in
                        j.object { j in
                            j.field("type", "http")
                            j.field("scheme", "bearer")
                        }
                    }
                }
            }
            j.field("schemas") { j in
                j.object { j in
                    j.field("SignIn") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("required") { $0.array { $0.string("token") } }
                            j.field("properties") { j in j.object { j in property(&j, "token", "string") } }
                        }
                    }
                    j.field("Document") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("required") { $0.array { $0.string("text") } }
                            j.field("properties") { j in
                                j.object { j in
                                    property(&j, "text", "string")
                                    j.field("id") {
                                        $0.object {
                                            $0.field("type") {
                                                $0.array {
                                                    $0.string("string")
                                                    $0.string("number")
                                                }
                                            }
                                        }
                                    }
                                    j.field("lang") { j in
                                        j.object { j in
                                            j.field("type", "string")
                                            j.field("enum") {
                                                $0.array { for l in Language.allCases { $0.string(l.rawValue) } }
                                            }
                                        }
                                    }
                                    property(&j, "outlet", "string")
                                    property(&j, "published", "string")
                                    property(&j, "url", "string")
                                }
                            }
                        }
                    }
                    j.field("Report") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("description", "The Framewatch report contract (docs/REPORT.md).")
                            j.field("required") { j in
                                j.array { j in
                                    for f in [
                                        "lang", "lexicon", "engine", "frame", "sentiment", "targets", "entities",
                                        "sentences",
                                    ] { j.string(f) }
                                }
                            }
                            j.field("properties") { j in
                                j.object { j in
                                    for (name, type) in [
                                        ("id", "string"), ("lang", "string"), ("lexicon", "object"),
                                        ("engine", "string"),
                                        ("frame", "object"), ("sentiment", "object"), ("targets", "array"),
                                        ("tone_russia", "integer"), ("entities", "array"),
                                        ("ambiguous", "array"), ("sentences", "array"), ("stats", "object"),
                                    ] { property(&j, name, type) }
                                }
                            }
                        }
                    }
                    j.field("BatchLine") { j in
                        j.object { j in
                            j.field("oneOf") { j in
                                j.array { j in
                                    ref("Report", &j)
                                    j.object { j in
                                        j.field("type", "object")
                                        j.field("required") {
                                            $0.array {
                                                $0.string("line")
                                                $0.string("error")
                                            }
                                        }
                                        j.field("properties") { j in
                                            j.object { j in
                                                property(&j, "line", "integer")
                                                property(&j, "error", "object")
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    j.field("Trends") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("description", "framewatch report --format json (docs/REPORT.md, Trends).")
                            j.field("required") {
                                $0.array { for f in ["by", "documents", "groups", "flagged", "cues"] { $0.string(f) } }
                            }
                            j.field("properties") { j in
                                j.object { j in
                                    for (name, type) in [
                                        ("by", "string"), ("from", "string"), ("to", "string"), ("outlets", "array"),
                                        ("lang", "string"), ("documents", "integer"), ("undated", "integer"),
                                        ("groups", "array"), ("flagged", "array"), ("cues", "array"),
                                        ("lexicons", "array"),
                                    ] { property(&j, name, type) }
                                }
                            }
                        }
                    }
                    j.field("StoredArticle") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("properties") { j in
                                j.object { j in
                                    property(&j, "id", "string")
                                    j.field("report") { ref("Report", &$0) }
                                    property(&j, "history", "array")
                                }
                            }
                        }
                    }
                    j.field("Reload") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("properties") { j in
                                j.object { j in
                                    property(&j, "previous", "object")
                                    property(&j, "lexicon", "object")
                                }
                            }
                        }
                    }
                    j.field("Problem") { j in
                        j.object { j in
                            j.field("type", "object")
                            j.field("description", "RFC 9457 problem details.")
                            j.field("required") {
                                $0.array { for f in ["type", "title", "status", "code", "detail"] { $0.string(f) } }
                            }
                            j.field("properties") { j in
                                j.object { j in
                                    for (name, type) in [
                                        ("type", "string"), ("title", "string"), ("status", "integer"),
                                        ("code", "string"),
                                        ("detail", "string"), ("instance", "string"),
                                    ] { property(&j, name, type) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
