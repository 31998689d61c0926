public import struct Foundation.Date

/// An authenticated caller: who it is and what its credentials allow.
public struct Caller: Sendable, Hashable {
    /// How the caller authenticated.
    public enum Method: String, Sendable, Hashable {
        case none
        case preshared
        case oidc
    }

    public let method: Method
    /// `sub` of the token; nil without OIDC.
    public let subject: String?
    /// The client, from the first configured client-id claim present (`azp`, `client_id`), or
    /// `preshared-key-N` (1-based position in the configured list) for a preshared key.
    public let clientID: String?
    /// `iss` of the token.
    public let issuer: String?
    /// Granted scope strings, or nil for every scope (no authentication, preshared keys).
    public let grantedScopes: Set<String>?
    /// Store ids the caller is confined to, or nil for all stores.
    public let allowedStores: Set<String>?
    /// `jti` of the token, when present.
    public let tokenID: String?
    /// SHA-256 of the access token, lowercase hex, for the audit log (AuthZed logs the same).
    /// Nil for preshared keys: a digest of a shared secret in a log invites offline guessing.
    public let tokenSHA256: String?
    /// `exp` of the token.
    public let expiresAt: Date?

    init(
        method: Method,
        subject: String? = nil,
        clientID: String? = nil,
        issuer: String? = nil,
        grantedScopes: Set<String>? = nil,
        allowedStores: Set<String>? = nil,
        tokenID: String? = nil,
        tokenSHA256: String? = nil,
        expiresAt: Date? = nil
    ) {
        self.method = method
        self.subject = subject
        self.clientID = clientID
        self.issuer = issuer
        self.grantedScopes = grantedScopes
        self.allowedStores = allowedStores
        self.tokenID = tokenID
        self.tokenSHA256 = tokenSHA256
        self.expiresAt = expiresAt
    }

    /// The anonymous caller of `--authn-method none`.
    static let anonymous = Caller(method: .none)

    /// One line naming the caller for change-log and audit records, e.g.
    /// `oidc client=app-1 sub=user-7`; `anonymous` without authentication.
    public var auditIdentity: String {
        switch method {
        case .none: return "anonymous"
        case .preshared: return "preshared \(clientID ?? "key")"
        case .oidc:
            var parts = ["oidc"]
            if let clientID { parts.append("client=\(clientID)") }
            if let subject { parts.append("sub=\(subject)") }
            return parts.joined(separator: " ")
        }
    }

    /// Whether the caller may see `storeID` (list-stores filtering uses this).
    public func canAccess(storeID: String) -> Bool {
        allowedStores?.contains(storeID) ?? true
    }

    /// The stores of a list-stores result this caller may see, in their order. For correct
    /// paging, prefer passing ``allowedStores`` into the store query itself.
    public func visible<Store>(_ stores: [Store], id: (Store) -> String) -> [Store] {
        guard allowedStores != nil else { return stores }
        return stores.filter { canAccess(storeID: id($0)) }
    }
}
