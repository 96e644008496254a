import ArgumentParser
import Foundation
import FramewatchCore
import FramewatchServer
import FramewatchStore

/// `framewatch serve`: the HTTP service for monitoring pipelines.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service (POST /v1/analyze, /v1/analyze/batch; see GET /openapi.json).",
        discussion: """
            Binds 127.0.0.1:8080 unless told otherwise (also FRAMEWATCH_HOST, FRAMEWATCH_PORT). With --token-file, every \
            route but /healthz and /readyz needs "Authorization: Bearer <token>"; the file must not be readable by other \
            users. SIGTERM/SIGINT stop gracefully (in-flight requests finish, new ones get 503); SIGHUP reloads the \
            pack, as does POST /v1/admin/reload when --token-file is given (without it, that route answers 403).
            With --db FILE, every scored document is also stored in that SQLite file (created when absent), and \
            GET /v1/trends, GET /v1/article?id=, the dashboard (GET /dashboard) and its article pages are served.
            Examples:
              framewatch serve --port 8080 --token-file ~/.framewatch-token
              framewatch serve --db monitor.sqlite
                then open http://127.0.0.1:8080/dashboard
            """
    )

    @Option(help: "Address to bind (default 127.0.0.1, or FRAMEWATCH_HOST).")
    var host: String?

    @Option(parsing: .unconditional, help: "Port (default 8080, or FRAMEWATCH_PORT; 0 picks a free one).")
    var port: Int?

    @Option(help: "File holding the bearer token (mode 600).")
    var tokenFile: String?

    @Option(parsing: .unconditional, help: "Largest document, in bytes.")
    var maxDocumentBytes: Int = 2 << 20

    @Option(parsing: .unconditional, help: "Largest batch body, in bytes.")
    var maxBatchBytes: Int = 64 << 20

    @Option(parsing: .unconditional, help: "Requests scored at once; more get 503 with Retry-After.")
    var concurrency: Int = 32

    @Option(
        parsing: .unconditional, help: "Seconds a connection may stay idle (slow headers or body) before it is closed.")
    var timeout: Int = 30

    @Option(help: "Monitoring database (SQLite): store every scored document and serve the trends and dashboard.")
    var db: String?

    @OptionGroup var packOptions: PackOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0…65535") }
        guard maxDocumentBytes > 0, maxBatchBytes >= maxDocumentBytes else {
            throw ValidationError("--max-batch-bytes must be at least --max-document-bytes, both positive")
        }
        guard concurrency >= 1, timeout >= 1 else {
            throw ValidationError("--concurrency and --timeout must be positive")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServerConfiguration(packPath: try PackLocator.locate(explicit: packOptions.pack))
        configuration.host = host ?? environment["FRAMEWATCH_HOST"] ?? "127.0.0.1"
        if let port {
            configuration.port = port
        } else if let value = environment["FRAMEWATCH_PORT"] {
            guard let p = Int(value), (0...65535).contains(p) else {
                throw CLIError.configuration("FRAMEWATCH_PORT is \"\(value)\", not a port number")
            }
            configuration.port = p
        }
        if let tokenFile {
            do {
                configuration.token = try ServerConfiguration.readToken(path: tokenFile)
            } catch let error as ServerConfiguration.Invalid {
                throw CLIError.configuration(error.description)
            }
        }
        configuration.maxDocumentBytes = maxDocumentBytes
        configuration.maxBatchBytes = maxBatchBytes
        configuration.maxConcurrentRequests = concurrency
        configuration.idleTimeoutSeconds = timeout
        configuration.databasePath = db
        let service: FramewatchService
        do {
            service = try FramewatchService(configuration: configuration)
        } catch let error as MonitorStore.Failure {
            throw CLIError.configuration(error.description)
        }
        do {
            try await service.run()
        } catch {
            // NIO's bind errors read "bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)".
            let text = "\(error)"
            let address = "\(configuration.host):\(configuration.port)"
            if text.contains("Address already in use") {
                throw CLIError.configuration("cannot listen on \(address): the address is already in use (--port)")
            }
            if text.contains("UnknownHost") || text.contains("Cannot assign requested address") {
                throw CLIError.configuration("cannot listen on \(address): no such local address (--host)")
            }
            throw error
        }
    }
}
