/// Who made a request. Never the token itself: at most its SHA-256.
public struct AuditCaller: Sendable, Hashable {
    /// The caller in one line (e.g. `oidc client=app-1 sub=user-7`, `anonymous`).
    public var identity: String?
    /// `sub` of the token.
    public var subject: String?
    /// The client the token was issued to (or the preshared key's name).
    public var clientID: String?
    /// `iss` of the token.
    public var issuer: String?
    /// SHA-256 of the access token, lowercase hex.
    public var tokenSHA256: String?
    /// The peer address of the request.
    public var sourceAddress: String?

    public init(
        identity: String? = nil,
        subject: String? = nil,
        clientID: String? = nil,
        issuer: String? = nil,
        tokenSHA256: String? = nil,
        sourceAddress: String? = nil
    ) {
        self.identity = identity
        self.subject = subject
        self.clientID = clientID
        self.issuer = issuer
        self.tokenSHA256 = tokenSHA256
        self.sourceAddress = sourceAddress
    }
}
