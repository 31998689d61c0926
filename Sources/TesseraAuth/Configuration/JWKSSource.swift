/// Where the issuer's signing keys come from.
public enum JWKSSource: Sendable, Hashable {
    /// OpenID Connect discovery: `<issuer>/.well-known/openid-configuration`, then its `jwks_uri`
    /// (the default, as in OpenFGA).
    case discovery
    /// A JWKS URL given directly (`--authn-oidc-jwks-uri`).
    case uri(String)
    /// A JWKS document on disk, for offline setups (`--authn-oidc-jwks-file`); re-read on refresh.
    case file(String)
}
