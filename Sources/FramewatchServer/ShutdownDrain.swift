import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
import ServiceLifecycle
import Synchronization

/// The shared count of requests in progress.
final class InFlightCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// What a graceful shutdown waits for: the requests in flight (counted by
/// ``ConcurrencyLimitMiddleware`` from admission until the last byte of the body is handed to the
/// connection), the response bytes handed to connections and not yet taken by the kernel
/// (``UnsentBytesHandler``), and whether the server is draining (new requests are refused with 503).
final class ShutdownDrain: Sendable {
    let inFlight = InFlightCounter()
    let unsentBytes = Atomic<Int>(0)
    let draining = Atomic<Bool>(false)

    /// Nothing in flight and nothing waiting to be sent.
    var isIdle: Bool {
        inFlight.value.load(ordering: .relaxed) == 0 && unsentBytes.load(ordering: .relaxed) == 0
    }
}

/// Counts the response body bytes written to a connection until the socket has taken them (the
/// write's promise completes then, or fails when the connection closes first).
final class UnsentBytesHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    let drain: ShutdownDrain

    init(drain: ShutdownDrain) { self.drain = drain }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .body(let buffer) = unwrapOutboundIn(data), buffer.readableBytes > 0 else {
            context.write(data, promise: promise)
            return
        }
        let n = buffer.readableBytes
        let drain = drain
        drain.unsentBytes.wrappingAdd(n, ordering: .relaxed)
        let written = promise ?? context.eventLoop.makePromise()
        written.futureResult.whenComplete { _ in drain.unsentBytes.wrappingSubtract(n, ordering: .relaxed) }
        context.write(data, promise: written)
    }
}

/// The first service to stop on SIGTERM/SIGINT: it refuses new requests and waits (at most
/// `limitSeconds`) until those in flight have written their responses and the sockets have taken
/// every byte of them; only then does the server quiesce. Hummingbird's own quiescing closes a
/// connection as soon as its response's last part is queued, which cut off large responses still
/// being sent (a 39 MB report stopped at 4 MB).
struct ShutdownDrainService: Service {
    let drain: ShutdownDrain
    let limitSeconds: Double
    let logger: Logger

    func run() async throws {
        // Until the group begins its graceful shutdown (or is cancelled, which ends this at once).
        try await gracefulShutdown()
        drain.draining.store(true, ordering: .relaxed)
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int64(limitSeconds * 1000))
        while !drain.isIdle && ContinuousClock.now - start < limit {
            try? await Task.sleep(for: .milliseconds(10))
        }
        logger.notice(
            "drained",
            metadata: [
                "in_flight_left": "\(drain.inFlight.value.load(ordering: .relaxed))",
                "unsent_bytes_left": "\(drain.unsentBytes.load(ordering: .relaxed))",
                "waited": "\(ContinuousClock.now - start)",
            ])
    }
}
