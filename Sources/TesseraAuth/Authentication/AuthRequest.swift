/// The parts of an HTTP request that authentication looks at. The server fills it in before
/// reading the body; `bodyAccessToken` only matters for form-encoded bodies.
public struct AuthRequest: Sendable, Hashable {
    /// Every `Authorization` header value, in order (more than one is refused).
    public var authorizationHeaders: [String]
    /// Whether the query string has an `access_token` parameter (RFC 6750 §2.3).
    public var queryAccessToken: Bool
    /// Whether a form-encoded body has an `access_token` parameter (RFC 6750 §2.2).
    public var bodyAccessToken: Bool
    /// The peer's IP address, as text; failures are counted per address (IPv6 per /64).
    public var sourceAddress: String
    /// The request's id, operation and store, handed on with a refusal for the audit log.
    public var requestID: String = ""
    public var operation: APIOperation?
    public var storeID: String?

    public init(
        authorizationHeaders: [String],
        queryAccessToken: Bool = false,
        bodyAccessToken: Bool = false,
        sourceAddress: String,
        requestID: String = "",
        operation: APIOperation? = nil,
        storeID: String? = nil
    ) {
        self.authorizationHeaders = authorizationHeaders
        self.queryAccessToken = queryAccessToken
        self.bodyAccessToken = bodyAccessToken
        self.sourceAddress = sourceAddress
        self.requestID = requestID
        self.operation = operation
        self.storeID = storeID
    }

    /// A request with at most one `Authorization` header.
    public init(
        authorizationHeader: String?,
        queryAccessToken: Bool = false,
        bodyAccessToken: Bool = false,
        sourceAddress: String
    ) {
        self.init(
            authorizationHeaders: authorizationHeader.map { [$0] } ?? [],
            queryAccessToken: queryAccessToken,
            bodyAccessToken: bodyAccessToken,
            sourceAddress: sourceAddress
        )
    }
}
