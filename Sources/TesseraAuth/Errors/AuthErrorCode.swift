/// The `code` of an error body, as OpenFGA spells it (`{"code": …, "message": …}`), so
/// clients and SDKs written for OpenFGA recognise authentication failures.
public enum AuthErrorCode: String, Sendable, Hashable, CaseIterable {
    /// No bearer token: 401 (OpenFGA 1010).
    case bearerTokenMissing = "bearer_token_missing"
    /// An OIDC access token failed validation: 401 (OpenFGA 1004).
    case invalidClaims = "invalid_claims"
    /// A preshared key was not recognised: 401 (OpenFGA 1500).
    case unauthenticated = "unauthenticated"
    /// The request carried credentials in a way RFC 6750 forbids, such as two methods at once: 400.
    case invalidRequest = "invalid_request"
    /// The caller is authenticated but may not do this: 403 (OpenFGA 1600).
    case forbidden = "forbidden"
    /// Too many failed attempts from one source address: 429. OpenFGA has no such code.
    case rateLimited = "rate_limit_exceeded"
}
