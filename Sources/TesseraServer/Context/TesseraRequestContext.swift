public import Hummingbird
import Logging
import NIOCore

/// What Tessera's middleware and routes need from a request context.
public protocol TesseraRequestContextProtocol: RequestContext {
    /// The request id: the caller's `X-Request-Id` when it is sane, else a generated one.
    var requestID: String { get set }
    /// The peer's IP address, for logs, rate limiting and the audit log.
    var sourceAddress: String { get }
}

/// The per-request context of Tessera's HTTP API.
public struct TesseraRequestContext: TesseraRequestContextProtocol {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    public let sourceAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = ""
        sourceAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
