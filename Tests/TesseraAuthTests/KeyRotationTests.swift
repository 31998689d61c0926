import Foundation
import MetricsTestKit
import NIOCore
import NIOHTTP1
import Testing
import TesseraAuth

/// JWKS caching and rotation (security.md §3.2): new keys are picked up after one refetch,
/// refetches are rate-limited and single-flight, and failures keep the last good keys.
struct KeyRotationTests {
    @Test func newKeyUnderNewKidIsAcceptedAfterOneRefetch() async throws {
        let old = try TestKey.rsa("2026-01")
        let new = try TestKey.rsa("2026-02")
        try await OIDCFixture.with(keys: [old]) { fixture in
            try fixture.publish([try old.jwk(), try new.jwk()])
            let later = t0.addingTimeInterval(61)
            #expect(try await fixture.authenticate(fixture.token(key: new), at: later).caller != nil)
            #expect(fixture.jwksHits == 2)
            #expect(try await fixture.authenticate(fixture.token(key: old), at: later).caller != nil)
            #expect(try await fixture.authenticate(fixture.token(key: new), at: later).caller != nil)
            #expect(fixture.jwksHits == 2)
        }
    }

    @Test func thousandConcurrentUnknownKidsCauseAtMostOneFetch() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let payload = try TokenFactory.json(fixture.claims())
            let later = t0.addingTimeInterval(120)
            let refused = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<1000 {
                    group.addTask {
                        let header = try? TokenFactory.json(["alg": "RS256", "kid": UUID().uuidString])
                        let token = TokenFactory.assemble(header: header ?? "{}", payload: payload, signature: [1])
                        return await fixture.authenticate(token, at: later).failure?.reason == .unknownKeyID
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(refused == 1000)
            #expect(fixture.jwksHits == 2)
            // The fetch was by the discovered jwks_uri; discovery itself ran only at start.
            #expect(fixture.server.hits(OIDCFixture.discoveryPath) == 1)
        }
    }

    @Test func failingJWKSEndpointKeepsLastGoodKeys() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            fixture.server.set(OIDCFixture.jwksPath, TestHTTPServer.Response(status: .internalServerError, body: []))
            #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(900)) == false)
            #expect(fixture.jwksHits == 2)
            let token = try fixture.token(claims: ["exp": Int(t0.timeIntervalSince1970) + 3600])
            #expect(await fixture.authenticate(token, at: t0.addingTimeInterval(900)).caller != nil)
            #expect(fixture.metrics.counterTotal(label: "tessera_auth_jwks_refreshes_total", dimensions: [("trigger", "periodic"), ("result", "failure")]) == 1)
        }
    }

    @Test func garbageJWKSKeepsLastGoodKeys() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let bodies = [
                "not json",
                #"{"keys":"#,
                #"{"keys":[]}"#,
                #"{"keys":[{"kty":"oct","kid":"k","k":"c2VjcmV0"}]}"#,
                #"{"keys":[{"kty":"RSA","kid":"rsa-1","n":"AQAB","e":"AQAB"}]}"#,
                #"["keys"]"#,
                #"{"keys":[],"keys":[]}"#,
            ]
            for (index, body) in bodies.enumerated() {
                fixture.server.set(OIDCFixture.jwksPath, .json(body))
                #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(Double(index + 1) * 900)) == false, "\(body)")
                #expect(await fixture.signingKeyIDs == ["rsa-1"])
            }
            let token = try fixture.token()
            #expect(await fixture.authenticate(token).caller != nil)
        }
    }

    @Test func failedRefetchForAnUnknownKidKeepsLastGoodKeys() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let stranger = try TestKey.rsa("stranger")
            for (index, body) in [TestHTTPServer.Response(status: .badGateway, body: []), .json("garbage")].enumerated() {
                // Each past the once-a-minute limit on unknown-kid refetches.
                let later = t0.addingTimeInterval(61 * Double(index + 1))
                fixture.server.set(OIDCFixture.jwksPath, body)
                let hits = fixture.jwksHits
                expectInvalidToken(await fixture.authenticate(try fixture.token(key: stranger), at: later), .unknownKeyID)
                #expect(fixture.jwksHits == hits + 1)
                #expect(await fixture.signingKeyIDs == ["rsa-1"])
                #expect(try await fixture.authenticate(fixture.token(), at: later).caller != nil)
            }
        }
    }

    @Test func oversizedJWKSResponseIsRefusedAndLastGoodKeysKept() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")], configure: { _, oidc in oidc.maxDocumentBytes = 4096 }) { fixture in
            let padding = String(repeating: " ", count: 8192)
            fixture.server.set(OIDCFixture.jwksPath, .json(#"{"keys":[]"# + padding + "}"))
            #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(900)) == false)
            #expect(await fixture.signingKeyIDs == ["rsa-1"])
            #expect(fixture.logs.all.contains { $0.contains("JWKS refresh failed") && $0.contains("limit") })
        }
    }

    @Test func slowJWKSEndpointHitsTheTimeLimit() async throws {
        let first = try TestKey.rsa("rsa-1")
        let second = try TestKey.rsa("rsa-2")
        try await OIDCFixture.with(keys: [first], configure: { _, oidc in oidc.fetchTimeoutSeconds = 1 }) { fixture in
            // A good set that would add a key, answered 30 s after the 1 s limit: only the
            // limit can make the refresh fail, so no wall-clock bound is needed (under the
            // whole suite on two cores, the 1 s limit was seen to take 8.5 s to fire).
            var slow = TestHTTPServer.Response.json(try TokenFactory.json(["keys": [try first.jwk(), try second.jwk()]]))
            slow.delay = .seconds(30)
            fixture.server.set(OIDCFixture.jwksPath, slow)
            #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(900)) == false)
            #expect(await fixture.signingKeyIDs == ["rsa-1"])
        }
    }

    @Test func periodicRefreshDropsRemovedKeys() async throws {
        let old = try TestKey.rsa("old")
        let new = try TestKey.rsa("new")
        try await OIDCFixture.with(keys: [old, new]) { fixture in
            try fixture.publish([try new.jwk()])
            #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(900)))
            #expect(await fixture.signingKeyIDs == ["new"])
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: old), at: t0.addingTimeInterval(900)), .unknownKeyID)
        }
    }

    @Test func discoveryNamingAnotherIssuerLoadsNoKeys() async throws {
        let server = try await TestHTTPServer.start()
        server.set(OIDCFixture.discoveryPath, .json(try TokenFactory.json(["issuer": "https://evil.example", "jwks_uri": server.baseURL + "/jwks"])))
        let key = TestKey.ed25519("ed-1")
        server.set("/jwks", .json(try TokenFactory.json(["keys": [try key.jwk()]])))
        let authenticator = try Authenticator(
            configuration: AuthConfiguration(method: .oidc(OIDCConfiguration(issuer: server.baseURL, audience: OIDCFixture.audience))),
            logger: quietLogger)
        #expect(await authenticator.prepare(now: t0) == false)
        #expect(server.hits("/jwks") == 0)
        let claims = try TokenFactory.json(["iss": server.baseURL, "aud": OIDCFixture.audience, "exp": Int(t0.timeIntervalSince1970) + 60])
        let token = try TokenFactory.sign(header: #"{"alg":"EdDSA","kid":"ed-1"}"#, payload: claims, key: key, algorithm: "EdDSA")
        let outcome = await authenticator.authenticate(AuthRequest(authorizationHeader: "Bearer " + token, sourceAddress: "192.0.2.1"), now: t0)
        expectInvalidToken(outcome, .keysUnavailable)
        try await authenticator.shutdown()
        try await server.stop()
    }

    @Test func discoveredPlainHTTPJWKSURIOnAnotherHostIsRefused() async throws {
        let server = try await TestHTTPServer.start()
        server.set(OIDCFixture.discoveryPath, .json(try TokenFactory.json(["issuer": server.baseURL, "jwks_uri": "http://keys.example/jwks"])))
        let logs = LogRecorder()
        let authenticator = try Authenticator(
            configuration: AuthConfiguration(method: .oidc(OIDCConfiguration(issuer: server.baseURL, audience: OIDCFixture.audience))),
            logger: logs.logger
        )
        #expect(await authenticator.prepare(now: t0) == false)
        #expect(logs.all.contains { $0.contains("plain http is allowed only for loopback") })
        try await authenticator.shutdown()
        try await server.stop()
    }

    @Test func jwksFileSourceIsReadAndReread() async throws {
        let first = try TestKey.rsa("file-1")
        let second = TestKey.ed25519("file-2")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-jwks-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TokenFactory.json(["keys": [try first.jwk()]]).write(toFile: path, atomically: true, encoding: .utf8)
        let oidc = OIDCConfiguration(issuer: "https://id.example", audience: OIDCFixture.audience, keySource: .file(path))
        let authenticator = try Authenticator(configuration: AuthConfiguration(method: .oidc(oidc)), logger: quietLogger)
        #expect(await authenticator.prepare(now: t0))
        #expect(await authenticator.signingKeyIDs == ["file-1"])
        try TokenFactory.json(["keys": [try first.jwk(), try second.jwk()]]).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await authenticator.refreshKeys(now: t0.addingTimeInterval(900)))
        #expect(await authenticator.signingKeyIDs == ["file-1", "file-2"])
        try await authenticator.shutdown()
    }

    @Test func runReturnsWhenCancelledAndReleasesTheHTTPClient() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let refresher = Task { await fixture.authenticator.run() }
            try await Task.sleep(for: .milliseconds(50))
            refresher.cancel()
            await refresher.value
            // The owned client is shut down: a refresh now fails and the keys stay.
            #expect(await fixture.authenticator.refreshKeys(now: t0.addingTimeInterval(900)) == false)
            #expect(await fixture.signingKeyIDs == ["ed-1"])
            try await fixture.authenticator.shutdown()
        }
    }

    @Test func issuerDownAtStartIsRetriedAtMostOnceAMinute() async throws {
        let key = TestKey.ed25519("ed-1")
        try await OIDCFixture.with(keys: [key], jwks: []) { fixture in
            // An empty set counts as a failed load: no keys yet.
            #expect(await fixture.signingKeyIDs.isEmpty)
            let token = try fixture.token()
            expectInvalidToken(await fixture.authenticate(token, at: t0.addingTimeInterval(30)), .keysUnavailable)
            #expect(fixture.jwksHits == 1)
            try fixture.publish([try key.jwk()])
            #expect(await fixture.authenticate(token, at: t0.addingTimeInterval(61)).caller != nil)
            #expect(fixture.jwksHits == 2)
        }
    }
}
