import Foundation
import FramewatchCore
import FramewatchStore
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP service (`framewatch serve`): thin handlers around the same pipeline as the CLI.
///
/// ```swift
/// var configuration = ServerConfiguration(packPath: "Lexicons/russia-azerbaijan")
/// configuration.port = 8080
/// try await FramewatchService(configuration: configuration).run()
/// ```
public struct FramewatchService: Sendable {
    public let configuration: ServerConfiguration
    let store: PackStore
    let database: MonitorStore?
    let metrics: ServiceMetrics
    /// Requests in flight and whether a shutdown is draining them (``ShutdownDrainService``).
    let drain = ShutdownDrain()

    /// Loads the pack (failing with its problems), opens the database when one is configured
    /// (creating and upgrading it), and prepares the routes.
    public init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        store = try PackStore(path: configuration.packPath)
        database = try configuration.databasePath.map { try MonitorStore(path: $0) }
        metrics = ServiceMetrics.shared
        metrics.lexicon(store.lexicon.pack.identity)
    }

    /// Runs until SIGTERM or SIGINT, then stops accepting connections and lets in-flight
    /// requests finish. SIGHUP reloads the pack.
    public func run(onReady: (@Sendable (Int) async -> Void)? = nil) async throws {
        var configured = Logger(label: "framewatch")
        configured.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let logger = configured
        let reloadSignal = installReloadOnHangup(logger: logger)
        defer { reloadSignal.cancel() }
        let app = Application(
            router: buildRouter(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        EarlyAnswerHandler(), ExpectContinueHandler(configuration: configuration),
                        UnsentBytesHandler(drain: drain),
                    ],
                    idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "framewatch"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice(
                    "listening",
                    metadata: [
                        "host": "\(configuration.host)", "port": "\(port)",
                        "pack": "\(store.lexicon.pack.identity.hash)",
                    ])
                await onReady?(port)
            },
            logger: logger
        )
        // Services stop in reverse order: the drain first (new requests refused, those in flight
        // written out), then the server.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: app),
                    .init(
                        service: ShutdownDrainService(
                            drain: drain, limitSeconds: Double(configuration.idleTimeoutSeconds), logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    private func installReloadOnHangup(logger: Logger) -> DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        let store = store
        let metrics = metrics
        source.setEventHandler {
            do {
                let (previous, current) = try store.reload()
                metrics.lexicon(current)
                logger.notice(
                    "pack reloaded (SIGHUP)", metadata: ["previous": "\(previous.hash)", "current": "\(current.hash)"])
            } catch {
                logger.error("pack reload refused; keeping the loaded pack", metadata: ["problems": "\(error)"])
            }
        }
        source.resume()
        return source
    }

    /// The router: middleware (access log and metrics, problem documents, auth, concurrency
    /// limit) and the routes of ``Routes/all``.
    func buildRouter() -> Router<BasicRequestContext> {
        // HEAD wherever GET is served (RFC 9110 §9.3.2): GET's status and headers, no body.
        // Uptime checkers and `curl -I` probe this way.
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessLogMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        if let token = configuration.token { router.add(middleware: AuthMiddleware(token: Array(token.utf8))) }
        router.add(
            middleware: ConcurrencyLimitMiddleware(
                limit: configuration.maxConcurrentRequests, retryAfter: configuration.retryAfterSeconds, drain: drain))
        let handlers = Handlers(configuration: configuration, store: store, database: database, metrics: metrics)
        for route in Routes.active(hasDatabase: database != nil) {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await handlers.handle(route.name, request, context)
            }
        }
        return router
    }
}
