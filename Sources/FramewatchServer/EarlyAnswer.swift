import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes the connection after a response that was sent before its request's body had arrived:
/// a 413 for a body over the limit, a 408 for one that stalled, a 401 for an upload without a
/// token (RFC 9112 §9.6). Hummingbird would otherwise keep the connection and read the rest of
/// the body, however long the client kept sending (a declared 100 GB, or a chunked body that
/// never ends), before the next request. Such a response says `Connection: close`.
///
/// A response that streams while its request is still arriving (`/v1/analyze/batch`) ends only
/// after the request has, so it is not affected.
final class EarlyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Whether the current request's head has arrived and its end has not.
    private var requestOpen = false
    /// Whether the response being written was started while the request was still open.
    private var answeredEarly = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: requestOpen = true
        case .body: break
        case .end: requestOpen = false
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
            context.close(promise: nil)
        default:
            context.write(data, promise: promise)
        }
    }
}
