import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as the request head arrives. curl and many
/// HTTP libraries send the header with any body over 1 MB and then wait (curl: 1 s) for the go-ahead
/// before uploading; Hummingbird does not send it, so every large upload paid that wait.
///
/// The go-ahead is not sent where the final answer comes without the body: a request with no
/// `Authorization` header to a server that has a token (401, unless the route is public)
/// and a declared `Content-Length` over the route's limit (413). The client then gets that answer
/// at once and does not upload at all.
final class ExpectContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    let configuration: ServerConfiguration

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data), shouldContinue(request) {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }

    func shouldContinue(_ request: HTTPRequest) -> Bool {
        guard let expect = request.headerFields[.expect], expect.lowercased() == "100-continue" else { return false }
        let path = request.path.map { String($0.prefix { $0 != "?" }) } ?? ""
        if configuration.token != nil && request.headerFields[.authorization] == nil && !Routes.isPublic(path) {
            return false
        }
        // The limits the handlers apply (a JSON body may add its envelope to the text's limit).
        let limit =
            path == "/v1/analyze/batch"
            ? configuration.maxBatchBytes : configuration.maxDocumentBytes + ServerConfiguration.jsonEnvelopeBytes
        if let length = request.headerFields[.contentLength].flatMap(Int.init), length > limit { return false }
        return true
    }
}
