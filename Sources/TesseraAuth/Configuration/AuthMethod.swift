/// How callers prove who they are (`--authn-method`).
public enum AuthMethod: Sendable {
    /// No authentication (the default): development only. Every caller is anonymous and may
    /// do everything; binding a non-loopback address needs an explicit opt-in.
    case none
    /// Shared secrets sent as `Authorization: Bearer <key>` (`--authn-preshared-keys`).
    /// A key grants every scope and every store.
    case preshared(keys: [String])
    /// OAuth 2 / OIDC JWT access tokens verified against the issuer's JWKS.
    case oidc(OIDCConfiguration)

    /// The method's name as the `--authn-method` flag spells it.
    public var name: String {
        switch self {
        case .none: "none"
        case .preshared: "preshared"
        case .oidc: "oidc"
        }
    }
}
