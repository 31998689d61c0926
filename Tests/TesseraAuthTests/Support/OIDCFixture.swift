import Foundation
import Logging
import MetricsTestKit
import Testing
import TesseraAuth

/// The tests' fixed clock: every token and every authentication is relative to it.
let t0 = Date(timeIntervalSince1970: 1_800_000_000)
let allScopes = "tessera:read tessera:write tessera:model tessera:admin tessera:metrics"

/// An issuer served by a ``TestHTTPServer`` on 127.0.0.1 (discovery and JWKS), keys made in
/// the test, and an ``Authenticator`` in OIDC mode pointed at it.
final class OIDCFixture: Sendable {
    static let audience = "https://tessera.test"
    static let discoveryPath = "/.well-known/openid-configuration"
    static let jwksPath = "/jwks"

    let server: TestHTTPServer
    let authenticator: Authenticator
    let keys: [TestKey]
    let metrics: TestMetrics
    let logs: LogRecorder
    var issuer: String { server.baseURL }

    private init(server: TestHTTPServer, authenticator: Authenticator, keys: [TestKey], metrics: TestMetrics, logs: LogRecorder) {
        self.server = server
        self.authenticator = authenticator
        self.keys = keys
        self.metrics = metrics
        self.logs = logs
    }

    /// Starts the issuer publishing `jwks` (default: every key's plain JWK), builds the
    /// authenticator (after `configure`) and loads the keys at ``t0``.
    static func start(
        keys: [TestKey],
        jwks: [[String: String]]? = nil,
        configure: (inout AuthConfiguration, inout OIDCConfiguration) -> Void = { _, _ in }
    ) async throws -> OIDCFixture {
        let server = try await TestHTTPServer.start()
        let issuer = server.baseURL
        server.set(discoveryPath, .json(try TokenFactory.json(["issuer": issuer, "jwks_uri": issuer + jwksPath])))
        try publish(jwks ?? keys.map { try $0.jwk() }, on: server)
        var oidc = OIDCConfiguration(issuer: issuer, audience: audience)
        var configuration = AuthConfiguration()
        // Checklist tests send many failures from one address; the limiter has its own tests.
        configuration.failureLimitPerMinute = 0
        configure(&configuration, &oidc)
        configuration.method = .oidc(oidc)
        let metrics = TestMetrics()
        let logs = LogRecorder()
        let authenticator = try Authenticator(configuration: configuration, logger: logs.logger, metricsFactory: metrics)
        let fixture = OIDCFixture(server: server, authenticator: authenticator, keys: keys, metrics: metrics, logs: logs)
        await authenticator.prepare(now: t0)
        return fixture
    }

    /// Runs `body` with a started fixture and always stops it.
    static func with(
        keys: [TestKey],
        jwks: [[String: String]]? = nil,
        configure: (inout AuthConfiguration, inout OIDCConfiguration) -> Void = { _, _ in },
        _ body: (OIDCFixture) async throws -> Void
    ) async throws {
        let fixture = try await start(keys: keys, jwks: jwks, configure: configure)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    static func publish(_ jwks: [[String: String]], on server: TestHTTPServer) throws {
        server.set(jwksPath, .json(try TokenFactory.json(["keys": jwks])))
    }

    func publish(_ jwks: [[String: String]]) throws {
        try Self.publish(jwks, on: server)
    }

    func stop() async {
        try? await authenticator.shutdown()
        try? await server.stop()
    }

    /// Claims of a valid token for this issuer at ``t0`` with `overrides` applied.
    func claims(_ overrides: [String: Any?] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "iss": issuer,
            "aud": Self.audience,
            "sub": "user-1",
            "client_id": "app-1",
            "jti": "token-1",
            "iat": Int(t0.timeIntervalSince1970) - 10,
            "exp": Int(t0.timeIntervalSince1970) + 600,
            "scope": allScopes,
        ]
        return TokenFactory.merged(base, overrides)
    }

    /// A token signed by `key` (default: the first key) with its default algorithm.
    func token(
        claims overrides: [String: Any?] = [:],
        header headerOverrides: [String: Any?] = [:],
        key: TestKey? = nil,
        algorithm: String? = nil
    ) throws -> String {
        let key = key ?? keys[0]
        let algorithm = algorithm ?? key.defaultAlgorithm
        let header = TokenFactory.merged(["alg": algorithm, "kid": key.kid, "typ": "at+jwt"], headerOverrides)
        return try TokenFactory.sign(
            header: try TokenFactory.json(header),
            payload: try TokenFactory.json(claims(overrides)),
            key: key,
            algorithm: algorithm
        )
    }

    func authenticate(_ token: String, at now: Date = t0, from address: String = "192.0.2.1") async -> AuthOutcome {
        await authenticator.authenticate(AuthRequest(authorizationHeader: "Bearer " + token, sourceAddress: address), now: now)
    }

    var jwksHits: Int { server.hits(Self.jwksPath) }
}

extension TestKey {
    var defaultAlgorithm: String {
        switch material {
        case .rsa: "RS256"
        case .p256: "ES256"
        case .p384: "ES384"
        case .ed25519: "EdDSA"
        }
    }
}

/// Expects `outcome` to be a 401 `invalid_token` refusal for `reason` with OpenFGA's
/// `invalid_claims` code.
func expectInvalidToken(
    _ outcome: AuthOutcome,
    _ reason: AuthFailureReason,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let failure = outcome.failure else {
        Issue.record("expected a refusal for \(reason), got \(outcome)", sourceLocation: sourceLocation)
        return
    }
    #expect(failure.status == 401, sourceLocation: sourceLocation)
    #expect(failure.code == .invalidClaims, sourceLocation: sourceLocation)
    #expect(failure.wwwAuthenticate?.hasPrefix(#"Bearer error="invalid_token""#) == true, sourceLocation: sourceLocation)
    #expect(failure.reason == reason, "\(failure.detail)", sourceLocation: sourceLocation)
}
