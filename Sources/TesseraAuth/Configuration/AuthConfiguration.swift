/// Everything that decides who may call the API and what they may do.
///
/// Build one from the command line (the flags mirror OpenFGA's `--authn-*`), call
/// ``validate()`` and ``validateBinding(host:)`` before serving, and hand it to
/// ``Authenticator``, which validates again.
///
/// ```swift
/// var configuration = AuthConfiguration(method: .oidc(OIDCConfiguration(
///     issuer: "https://id.example.com", audience: "https://tessera.example.com")))
/// configuration.failureLimitPerMinute = 30
/// let warnings = try configuration.validateBinding(host: "0.0.0.0")
/// ```
public struct AuthConfiguration: Sendable {
    /// `--authn-method` and its settings.
    public var method: AuthMethod
    /// Scope names and whether they are enforced.
    public var scopes: ScopeNames
    /// The claim listing the store ids a token is confined to (`tessera_stores`): an array
    /// of strings, or one string. Absent means all stores unless ``requireTenantClaim``.
    public var tenantClaim: String
    /// Refuse OIDC tokens without the tenant claim instead of granting them every store.
    public var requireTenantClaim: Bool
    /// Failed authentications per source address per minute before answering 429
    /// (`--authn-failure-limit`); 0 disables the limit.
    public var failureLimitPerMinute: Int
    /// Longest accepted bearer token in bytes; longer ones (and longer `Authorization`
    /// headers) are refused before any parsing.
    public var maxTokenBytes: Int
    /// Opt-in for serving a non-loopback address with `--authn-method none`.
    public var allowUnauthenticatedNonLoopback: Bool

    public init(
        method: AuthMethod = .none,
        scopes: ScopeNames = ScopeNames(),
        tenantClaim: String = "tessera_stores",
        requireTenantClaim: Bool = false,
        failureLimitPerMinute: Int = 60,
        maxTokenBytes: Int = 16 * 1024,
        allowUnauthenticatedNonLoopback: Bool = false
    ) {
        self.method = method
        self.scopes = scopes
        self.tenantClaim = tenantClaim
        self.requireTenantClaim = requireTenantClaim
        self.failureLimitPerMinute = failureLimitPerMinute
        self.maxTokenBytes = maxTokenBytes
        self.allowUnauthenticatedNonLoopback = allowUnauthenticatedNonLoopback
    }

    /// Throws on a configuration the server must not start with.
    public func validate() throws(AuthConfigurationError) {
        try validateScopeNames()
        if tenantClaim.isEmpty { throw .invalidClaimName(tenantClaim) }
        if failureLimitPerMinute < 0 { throw .valueOutOfRange(setting: "failure limit", value: failureLimitPerMinute) }
        if !(256...1_048_576).contains(maxTokenBytes) {
            throw .valueOutOfRange(setting: "max token bytes", value: maxTokenBytes)
        }
        switch method {
        case .none: break
        case .preshared(let keys): try Self.validatePresharedKeys(keys)
        case .oidc(let oidc): try Self.validateOIDC(oidc)
        }
    }

    /// Checks the configuration against the address the server binds, returning warnings to
    /// log. Without authentication only loopback addresses may be served, unless
    /// ``allowUnauthenticatedNonLoopback`` is set, which returns a warning instead.
    public func validateBinding(host: String) throws(AuthConfigurationError) -> [String] {
        try validate()
        var warnings: [String] = []
        if case .none = method, !HostAddress.isLoopback(host) {
            guard allowUnauthenticatedNonLoopback else { throw .unauthenticatedNonLoopback(host: host) }
            warnings.append("authentication is off (--authn-method none) on non-loopback address \(host): anyone who can reach it may read and change every store")
        }
        if case .preshared(let keys) = method, keys.contains(where: { $0.utf8.count < 16 }) {
            warnings.append("a preshared key is shorter than 16 characters; use long random keys")
        }
        return warnings
    }

    private func validateScopeNames() throws(AuthConfigurationError) {
        var seen: Set<String> = []
        for scope in Scope.allCases {
            let name = scopes.name(for: scope)
            // RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E, so it fits a challenge header.
            let valid = !name.isEmpty && name.utf8.allSatisfy { $0 == 0x21 || (0x23...0x5B).contains($0) || (0x5D...0x7E).contains($0) }
            guard valid else { throw .invalidScopeName(name) }
            guard seen.insert(name).inserted else { throw .duplicateScopeName(name) }
        }
    }

    private static func validatePresharedKeys(_ keys: [String]) throws(AuthConfigurationError) {
        guard !keys.isEmpty else { throw .noPresharedKeys }
        var seen: Set<String> = []
        for (index, key) in keys.enumerated() {
            guard BearerToken.isValidSyntax(Array(key.utf8)) else { throw .invalidPresharedKey(position: index + 1) }
            guard seen.insert(key).inserted else { throw .duplicatePresharedKey(position: index + 1) }
        }
    }

    private static func validateOIDC(_ oidc: OIDCConfiguration) throws(AuthConfigurationError) {
        guard !oidc.issuer.isEmpty else { throw .missingIssuer }
        guard !oidc.audience.isEmpty else { throw .missingAudience }
        if let problem = HostAddress.problem(withFetchURL: oidc.issuer) {
            throw .unacceptableURL(setting: "--authn-oidc-issuer", problem: problem)
        }
        if case .uri(let uri) = oidc.keySource, let problem = HostAddress.problem(withFetchURL: uri) {
            throw .unacceptableURL(setting: "--authn-oidc-jwks-uri", problem: problem)
        }
        if case .file(let path) = oidc.keySource, path.isEmpty {
            throw .unacceptableURL(setting: "--authn-oidc-jwks-file", problem: "empty path")
        }
        guard !oidc.algorithms.isEmpty else { throw .noAlgorithms }
        guard (0...300).contains(oidc.leewaySeconds) else { throw .leewayOutOfRange(oidc.leewaySeconds) }
        for claim in oidc.clientIDClaims + oidc.scopeClaims + oidc.issuerAliases where claim.isEmpty {
            throw .invalidClaimName(claim)
        }
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("JWKS refresh interval", oidc.refreshIntervalSeconds, 60...604_800),
            ("unknown-kid refresh interval", oidc.unknownKeyRefreshIntervalSeconds, 1...86_400),
            ("JWKS fetch timeout", oidc.fetchTimeoutSeconds, 1...60),
            ("JWKS size limit", oidc.maxDocumentBytes, 1024...16_777_216),
        ]
        for (setting, value, range) in ranges where !range.contains(value) {
            throw .valueOutOfRange(setting: setting, value: value)
        }
    }
}
