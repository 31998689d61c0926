import MetricsTestKit
import Testing
import TesseraAuth

/// `--authn-method preshared`: `Authorization: Bearer <key>`, every scope, every store.
struct PresharedKeyTests {
    static let keys = ["k1-0123456789abcdef", "k2-fedcba9876543210-longer-key"]

    private func authenticator(logs: LogRecorder = LogRecorder(), metrics: TestMetrics = TestMetrics()) throws -> Authenticator {
        try Authenticator(configuration: AuthConfiguration(method: .preshared(keys: Self.keys)), logger: logs.logger, metricsFactory: metrics)
    }

    private func authenticate(_ authenticator: Authenticator, _ header: String?) async -> AuthOutcome {
        await authenticator.authenticate(AuthRequest(authorizationHeader: header, sourceAddress: "192.0.2.7"), now: t0)
    }

    @Test func everyConfiguredKeyAuthenticatesWithEveryScopeAndStore() async throws {
        let authenticator = try authenticator()
        for (index, key) in Self.keys.enumerated() {
            let caller = try #require(await authenticate(authenticator, "Bearer " + key).caller)
            #expect(caller.method == .preshared)
            #expect(caller.clientID == "preshared-key-\(index + 1)")
            #expect(caller.grantedScopes == nil)
            #expect(caller.allowedStores == nil)
            #expect(caller.tokenSHA256 == nil)
            for operation in APIOperation.allCases {
                #expect(authenticator.authorize(caller, operation: operation, storeID: "S1") == nil)
            }
        }
    }

    @Test func schemeIsCaseInsensitive() async throws {
        #expect(await authenticate(try authenticator(), "bearer " + Self.keys[0]).caller != nil)
        #expect(await authenticate(try authenticator(), "BEARER  " + Self.keys[0]).caller != nil)
    }

    @Test func unknownKeyIsRefusedAsUnauthenticated() async throws {
        let authenticator = try authenticator()
        for wrong in ["k1-0123456789abcdeF", "k1-0123456789abcde", Self.keys[0] + "0", "x"] {
            let failure = try #require(await authenticate(authenticator, "Bearer " + wrong).failure)
            #expect(failure.status == 401)
            #expect(failure.code == .unauthenticated)
            #expect(failure.reason == .unknownPresharedKey)
            #expect(failure.wwwAuthenticate == #"Bearer error="invalid_token", error_description="the access token is invalid""#)
        }
    }

    @Test func missingTokenAndOtherSchemesAreBearerTokenMissing() async throws {
        let authenticator = try authenticator()
        for header in [nil, "Basic dXNlcjpwYXNz", "Bearer"] as [String?] {
            let failure = try #require(await authenticate(authenticator, header).failure)
            if header == "Bearer" {
                #expect(failure.reason == .malformedToken)
                #expect(failure.code == .unauthenticated)
            } else {
                #expect(failure.code == .bearerTokenMissing)
                #expect(failure.wwwAuthenticate == "Bearer")
            }
        }
    }

    @Test func keysAndPresentedTokensAreNeverLogged() async throws {
        let logs = LogRecorder()
        let authenticator = try authenticator(logs: logs)
        _ = await authenticate(authenticator, "Bearer " + Self.keys[0])
        _ = await authenticate(authenticator, "Bearer guess-" + Self.keys[1])
        #expect(logs.all.count == 1)
        for line in logs.all {
            #expect(!line.contains(Self.keys[0]))
            #expect(!line.contains(Self.keys[1]))
            #expect(!line.contains("guess-"))
        }
    }

    @Test func twoAuthorizationHeadersAreInvalidRequest() async throws {
        let outcome = try await authenticator().authenticate(
            AuthRequest(authorizationHeaders: ["Bearer " + Self.keys[0], "Bearer " + Self.keys[1]], sourceAddress: "192.0.2.7"), now: t0)
        #expect(outcome.failure?.status == 400)
        #expect(outcome.failure?.reason == .multipleAuthorizationHeaders)
    }

    @Test func queryTokenAloneIsInvalidRequest() async throws {
        let outcome = try await authenticator().authenticate(
            authorizationHeader: nil, queryAccessToken: true, bodyAccessToken: false, sourceAddress: "192.0.2.7", now: t0)
        #expect(outcome.failure?.status == 400)
        #expect(outcome.failure?.code == .invalidRequest)
        #expect(outcome.failure?.reason == .tokenOutsideHeader)
    }
}
