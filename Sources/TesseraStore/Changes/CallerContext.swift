/// Who asked for a mutation, and in which request, as the server hands it in: recorded with
/// every journal entry for the audit log.
///
/// `identity` and `requestID` are always recorded; the structured fields are optional (nil
/// when unknown, e.g. for CLI imports or without authentication) and never hold the token
/// itself — at most its SHA-256.
public struct CallerContext: Sendable, Hashable {
    /// The authenticated caller in one line (e.g. `oidc client=app-1 sub=user-7`), empty when
    /// authentication is off.
    public var identity: String
    /// The request id the server assigned or received.
    public var requestID: String
    /// `sub` of the caller's token.
    public var subject: String?
    /// The client the token was issued to (or the preshared key's name).
    public var clientID: String?
    /// `iss` of the caller's token.
    public var issuer: String?
    /// SHA-256 of the access token, lowercase hex.
    public var tokenSHA256: String?
    /// The peer address the request came from.
    public var sourceAddress: String?
    /// The authorization model the request was validated against (tuple writes).
    public var modelID: String?

    public init(
        identity: String = "",
        requestID: String = "",
        subject: String? = nil,
        clientID: String? = nil,
        issuer: String? = nil,
        tokenSHA256: String? = nil,
        sourceAddress: String? = nil,
        modelID: String? = nil
    ) {
        self.identity = identity
        self.requestID = requestID
        self.subject = subject
        self.clientID = clientID
        self.issuer = issuer
        self.tokenSHA256 = tokenSHA256
        self.sourceAddress = sourceAddress
        self.modelID = modelID
    }
}
