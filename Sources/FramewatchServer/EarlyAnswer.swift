import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Ends the connection after a response that was sent before its request's body had arrived:
/// a 413 for a body over the limit, a 408 for one that stalled, a 503 from the concurrency limit,
/// a 401 for an upload without a token (RFC 9112 §9.6). Hummingbird would otherwise keep the
/// connection and read the rest of the body, however long the client kept sending (a declared
/// 100 GB, or a chunked body that never ends), before the next request.
///
/// Such a response says `Connection: close`. The connection is closed once the rest of the
/// request has arrived, or after ``drainLimit`` more bytes or ``drainSeconds``, whichever comes
/// first. Closing at once would be wrong: a socket closed with unread data is reset, and a client
/// that sends its whole body before reading (most HTTP libraries) would lose the answer.
///
/// A response that streams while its request is still arriving (`/v1/analyze/batch`) ends only
/// after the request has, so it is not affected.
final class EarlyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Body bytes read after an early answer before the connection is closed regardless.
    static let drainLimit = 16 << 20
    /// Seconds after an early answer before the connection is closed regardless.
    static let drainSeconds: Int64 = 10

    /// Whether the current request's head has arrived and its end has not.
    private var requestOpen = false
    /// Whether the response being written was started while the request was still open.
    private var answeredEarly = false
    /// Whether an early answer has been written and the connection waits for the request's end.
    private var closing = false
    private var drained = 0
    /// The close scheduled ``drainSeconds`` after an early answer, cancelled when the connection
    /// ends first (the task would hold the channel, with its buffers, until it fired).
    private var deadline: Scheduled<Void>? = nil

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestOpen = true
        case .body(let buffer):
            if closing {
                drained += buffer.readableBytes
                if drained > Self.drainLimit {
                    context.close(promise: nil)
                    return
                }
            }
        case .end:
            requestOpen = false
            if closing {
                context.close(promise: nil)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.code >= 400 && requestOpen:
            answeredEarly = true
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where answeredEarly:
            answeredEarly = false
            context.writeAndFlush(data, promise: promise)
            if !requestOpen {
                // The request ended while the answer was being written: nothing is left unread.
                context.close(promise: nil)
                return
            }
            closing = true
            drained = 0
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: .seconds(Self.drainSeconds)) { channel.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }
}
