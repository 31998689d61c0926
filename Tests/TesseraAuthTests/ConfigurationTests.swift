import Testing
import TesseraAuth

/// Configurations the server must refuse to start with.
struct ConfigurationTests {
    private func oidc(_ change: (inout OIDCConfiguration) -> Void) -> AuthConfiguration {
        var oidc = OIDCConfiguration(issuer: "https://id.example.com", audience: "https://tessera.example.com")
        change(&oidc)
        return AuthConfiguration(method: .oidc(oidc))
    }

    /// GHSA-hcxc-wf8j-23hv (CVE-2026-55689): without an audience OpenFGA skipped the `aud`
    /// check; Tessera refuses to start instead.
    @Test func oidcWithoutAudienceIsRefused() {
        #expect(throws: AuthConfigurationError.missingAudience) { try oidc { $0.audience = "" }.validate() }
        #expect(throws: AuthConfigurationError.missingAudience) { try Authenticator(configuration: oidc { $0.audience = "" }) }
    }

    @Test func oidcWithoutIssuerIsRefused() {
        #expect(throws: AuthConfigurationError.missingIssuer) { try oidc { $0.issuer = "" }.validate() }
    }

    @Test func plainHTTPIssuerOrJWKSURIOffLoopbackIsRefused() throws {
        #expect(throws: AuthConfigurationError.self) { try oidc { $0.issuer = "http://id.example.com" }.validate() }
        #expect(throws: AuthConfigurationError.self) { try oidc { $0.keySource = .uri("http://id.example.com/jwks") }.validate() }
        #expect(throws: AuthConfigurationError.self) { try oidc { $0.issuer = "ftp://id.example.com" }.validate() }
        #expect(throws: AuthConfigurationError.self) { try oidc { $0.issuer = "https://user:pw@id.example.com" }.validate() }
        try oidc { $0.issuer = "http://127.0.0.1:8080/realms/x" }.validate()
        try oidc { $0.keySource = .uri("http://[::1]:9000/jwks") }.validate()
        try oidc { $0.keySource = .file("/etc/tessera/jwks.json") }.validate()
    }

    @Test func emptyAlgorithmListAndWideLeewayAreRefused() {
        #expect(throws: AuthConfigurationError.noAlgorithms) { try oidc { $0.algorithms = [] }.validate() }
        #expect(throws: AuthConfigurationError.leewayOutOfRange(301)) { try oidc { $0.leewaySeconds = 301 }.validate() }
    }

    @Test func presharedKeysMustBeUsableAndDistinct() {
        #expect(throws: AuthConfigurationError.noPresharedKeys) { try AuthConfiguration(method: .preshared(keys: [])).validate() }
        #expect(throws: AuthConfigurationError.invalidPresharedKey(position: 2)) {
            try AuthConfiguration(method: .preshared(keys: ["good-key", "bad key"])).validate()
        }
        #expect(throws: AuthConfigurationError.duplicatePresharedKey(position: 2)) {
            try AuthConfiguration(method: .preshared(keys: ["same", "same"])).validate()
        }
    }

    @Test func errorMessagesNeverContainKeys() {
        let error = AuthConfigurationError.invalidPresharedKey(position: 1)
        #expect(!error.description.contains("secret value"))
        #expect(error.description.contains("1"))
    }

    @Test func shortPresharedKeysAreWarnedAbout() throws {
        let warnings = try AuthConfiguration(method: .preshared(keys: ["short"])).validateBinding(host: "0.0.0.0")
        #expect(warnings == ["a preshared key is shorter than 16 characters; use long random keys"])
    }

    @Test func scopeNamesMustFitAChallengeAndBeDistinct() {
        var configuration = AuthConfiguration()
        configuration.scopes.read = #"read"scope"#
        #expect(throws: AuthConfigurationError.invalidScopeName(#"read"scope"#)) { try configuration.validate() }
        configuration.scopes.read = "tessera:write"
        #expect(throws: AuthConfigurationError.duplicateScopeName("tessera:write")) { try configuration.validate() }
    }

    @Test func limitsOutOfRangeAreRefused() {
        var configuration = AuthConfiguration()
        configuration.failureLimitPerMinute = -1
        #expect(throws: AuthConfigurationError.self) { try configuration.validate() }
        configuration = AuthConfiguration(maxTokenBytes: 10)
        #expect(throws: AuthConfigurationError.self) { try configuration.validate() }
        #expect(throws: AuthConfigurationError.self) { try oidc { $0.fetchTimeoutSeconds = 0 }.validate() }
    }
}
