/// A configuration the server must refuse to start with. Messages never contain key material.
public enum AuthConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingIssuer
    /// OIDC without an audience would accept tokens minted for any other service (OpenFGA
    /// CVE-2026-55689), so it is an error, not a default.
    case missingAudience
    case unacceptableURL(setting: String, problem: String)
    case noPresharedKeys
    /// Key number `position` (1-based) is empty or has characters a bearer token cannot carry.
    case invalidPresharedKey(position: Int)
    case duplicatePresharedKey(position: Int)
    case noAlgorithms
    case leewayOutOfRange(Int)
    case invalidScopeName(String)
    case duplicateScopeName(String)
    case invalidClaimName(String)
    case valueOutOfRange(setting: String, value: Int)
    /// `none` on a non-loopback address without the explicit opt-in.
    case unauthenticatedNonLoopback(host: String)

    public var description: String {
        switch self {
        case .missingIssuer: "--authn-oidc-issuer is required with --authn-method oidc"
        case .missingAudience: "--authn-oidc-audience is required with --authn-method oidc"
        case .unacceptableURL(let setting, let problem): "\(setting): \(problem)"
        case .noPresharedKeys: "--authn-preshared-keys needs at least one key with --authn-method preshared"
        case .invalidPresharedKey(let position):
            "preshared key \(position) is empty or has characters a bearer token cannot carry"
        case .duplicatePresharedKey(let position): "preshared key \(position) repeats an earlier key"
        case .noAlgorithms: "the OIDC algorithm allowlist is empty"
        case .leewayOutOfRange(let seconds): "leeway \(seconds) s is outside 0...300"
        case .invalidScopeName(let name): "scope name '\(name)' is empty or has characters a scope cannot carry"
        case .duplicateScopeName(let name): "scope name '\(name)' is used for two scopes"
        case .invalidClaimName(let name): "claim name '\(name)' is empty"
        case .valueOutOfRange(let setting, let value): "\(setting) = \(value) is out of range"
        case .unauthenticatedNonLoopback(let host):
            "refusing to serve \(host) without authentication; choose an --authn-method or pass the explicit opt-in flag"
        }
    }
}
