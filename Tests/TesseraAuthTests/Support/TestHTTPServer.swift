import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 serving canned responses by path, counting requests
/// per path: the issuer's discovery and JWKS endpoints (and an attacker's) in tests.
final class TestHTTPServer: Sendable {
    struct Response: Sendable {
        var status: HTTPResponseStatus = .ok
        var body: [UInt8]
        /// Answer only after this long (to exceed the client's time limit).
        var delay: TimeAmount?

        static func json(_ text: String) -> Response { Response(body: Array(text.utf8)) }
    }

    private let routes = Mutex<[String: Response]>([:])
    private let counts = Mutex<[String: Int]>([:])
    private let channel = Mutex<(any Channel)?>(nil)
    private let boundPort = Mutex(0)

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(boundPort.withLock { $0 })" }

    static func start() async throws -> TestHTTPServer {
        let server = TestHTTPServer()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        server.channel.withLock { $0 = channel }
        server.boundPort.withLock { $0 = channel.localAddress?.port ?? 0 }
        return server
    }

    func set(_ path: String, _ response: Response) {
        routes.withLock { $0[path] = response }
    }

    /// How many requests `path` has had.
    func hits(_ path: String) -> Int {
        counts.withLock { $0[path, default: 0] }
    }

    func stop() async throws {
        try await channel.withLock { $0 }?.close()
    }

    fileprivate func respond(to path: String) -> Response {
        counts.withLock { $0[path, default: 0] += 1 }
        return routes.withLock { $0[path] } ?? Response(status: .notFound, body: Array("not found".utf8))
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: TestHTTPServer
        var path = "/"

        init(server: TestHTTPServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                path = String(head.uri.prefix { $0 != "?" })
            case .body:
                break
            case .end:
                let response = server.respond(to: path)
                if let delay = response.delay {
                    context.eventLoop.assumeIsolated().scheduleTask(in: delay) { self.write(response, context: context) }
                } else {
                    write(response, context: context)
                }
            }
        }

        private func write(_ response: Response, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(response.body.count))
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
