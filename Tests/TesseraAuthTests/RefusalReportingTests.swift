import MetricsTestKit
import Synchronization
import Testing
import TesseraAuth

/// Every refusal is counted by reason, logged without the token, and handed to the audit hook.
struct RefusalReportingTests {
    @Test func refusalsAreCountedByReason() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            _ = await fixture.authenticator.authenticate(AuthRequest(authorizationHeader: nil, sourceAddress: "192.0.2.1"), now: t0)
            _ = await fixture.authenticate(try fixture.token(claims: ["exp": 1]))
            _ = await fixture.authenticate(try fixture.token(claims: ["exp": 2]))
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": "tessera:read"])).caller)
            _ = fixture.authenticator.authorize(caller, operation: .write, storeID: "S1")
            let label = "tessera_auth_refusals_total"
            #expect(fixture.metrics.counterTotal(label: label, dimensions: [("reason", "missing_token")]) == 1)
            #expect(fixture.metrics.counterTotal(label: label, dimensions: [("reason", "expired")]) == 2)
            #expect(fixture.metrics.counterTotal(label: label, dimensions: [("reason", "insufficient_scope")]) == 1)
            #expect(fixture.metrics.counterTotal(label: label) == 4)
        }
    }

    @Test func refusalLogsNeverContainTheToken() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let tokens = [
                try fixture.token(claims: ["aud": "https://elsewhere.example"]),
                try fixture.token(header: ["kid": "no-such-key"]),
                try fixture.token(claims: ["exp": 1]),
            ]
            for token in tokens { _ = await fixture.authenticate(token) }
            let refusals = fixture.logs.all.filter { $0.contains("request refused") }
            #expect(refusals.count == 3)
            for line in fixture.logs.all {
                for token in tokens {
                    #expect(!line.contains(token))
                    // Not even the signature or the payload segment.
                    for segment in token.split(separator: ".").dropFirst() { #expect(!line.contains(segment)) }
                }
            }
            #expect(refusals.contains { $0.contains("reason=wrong_audience") && $0.contains("source=192.0.2.1") })
        }
    }

    @Test func refusalHandlerReceivesEveryRefusal() async throws {
        let seen = Mutex<[AuthFailureReason]>([])
        let authenticator = try Authenticator(
            configuration: AuthConfiguration(method: .preshared(keys: ["a-long-preshared-key"])),
            logger: quietLogger,
            metricsFactory: TestMetrics(),
            onRefusal: { refusal in seen.withLock { $0.append(refusal.failure.reason) } }
        )
        _ = await authenticator.authenticate(AuthRequest(authorizationHeader: "Bearer wrong", sourceAddress: "192.0.2.9"), now: t0)
        _ = await authenticator.authenticate(AuthRequest(authorizationHeader: nil, sourceAddress: "192.0.2.9"), now: t0)
        #expect(seen.withLock { $0 } == [.unknownPresharedKey, .missingToken])
    }

    @Test func detailIsBoundedAndPrintable() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let issuer = "https://evil.example/\n" + String(repeating: "x", count: 5000)
            let failure = try #require(try await fixture.authenticate(fixture.token(claims: ["iss": issuer])).failure)
            #expect(failure.reason == .wrongIssuer)
            #expect(!failure.detail.contains("\n"))
            #expect(failure.detail.count <= 201)
        }
    }
}
