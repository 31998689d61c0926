public import Hummingbird
import Logging
public import TesseraAuth
import NIOCore

/// What Tessera's middleware and routes need from a request context.
public protocol TesseraRequestContextProtocol: RequestContext {
    /// The request id: the caller's `X-Request-Id` when it is sane, else a generated one.
    var requestID: String { get set }
    /// The peer's IP address, for logs, rate limiting and the audit log.
    var sourceAddress: String { get }
    /// The authenticated caller, set by `AuthMiddleware`.
    var caller: Caller? { get set }
}

/// The per-request context of Tessera's HTTP API.
public struct TesseraRequestContext: TesseraRequestContextProtocol {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    public let sourceAddress: String
    public var caller: Caller?

    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = ""
        caller = nil
        sourceAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
