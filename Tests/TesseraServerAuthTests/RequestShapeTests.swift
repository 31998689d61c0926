import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TesseraAuth

/// How the server treats the shape of a request (RFC 6750 transport rules, sizes, paths,
/// repeated failures) and its open endpoints, through the real application.
struct RequestShapeTests {
    @Test func healthzAndUnprotectedMetricsNeedNoToken() async throws {
        try await OIDCServer.run(metrics: true) { client, _, _, _ in
            let health = try await client.send(.get, "/healthz", token: nil)
            let metrics = try await client.send(.get, "/metrics", token: nil)
            #expect(health.status == .ok)
            #expect(metrics.status == .ok)
        }
    }

    @Test func protectedMetricsNeedTheMetricsScopeAndAnUnconfinedToken() async throws {
        try await OIDCServer.run(metrics: true, protectMetrics: true) { client, minter, seed, _ in
            #expect(try await client.send(.get, "/metrics", token: nil).status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", token: minter.token(scopes: ["tessera:read"])).status == .forbidden)
            let confined = try minter.token(scopes: ["tessera:metrics"], stores: [seed.mine])
            #expect(try await client.send(.get, "/metrics", token: confined).status == .forbidden)
            #expect(try await client.send(.get, "/metrics", token: minter.token(scopes: ["tessera:metrics"])).status == .ok)
        }
    }

    @Test func aTokenInTheHeaderAndTheQueryIs400InvalidRequest() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let reply = try await client.send(.get, "/stores/\(seed.mine)?access_token=\(admin)", token: admin)
            #expect(reply.status == .badRequest)
            #expect(reply.code == "invalid_request")
            #expect(reply.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="invalid_request""#) == true)
        }
    }

    @Test func aTokenInTheHeaderAndAFormBodyIs400InvalidRequest() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let reply = try await client.send(
                .post, "/stores/\(seed.mine)/check", "access_token=\(admin)",
                headers: [("Authorization", "Bearer " + admin), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(reply.status == .badRequest)
            #expect(reply.code == "invalid_request")
        }
    }

    @Test func aQueryStringTokenAloneIsNeverAccepted() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let reply = try await client.send(.get, "/stores/\(seed.mine)?access_token=\(admin)", token: nil)
            #expect(reply.status == .badRequest)
            #expect(reply.code == "invalid_request")
        }
    }

    @Test func twoAuthorizationHeadersAre400InvalidRequest() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let reply = try await client.send(
                .get, "/stores/\(seed.mine)", headers: [("Authorization", "Bearer " + admin), ("Authorization", "Bearer " + admin)])
            #expect(reply.status == .badRequest)
            #expect(reply.code == "invalid_request")
        }
    }

    /// Past the token size limit (16 KiB) but within what the HTTP parser takes: refused by
    /// the authenticator before any parsing. (Headers past the parser's limit never reach it.)
    @Test func anOversizedTokenIsRefusedAndChangesNothing() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let before = try await client.state(seed, admin: admin)
            let huge = admin + String(repeating: "A", count: 32 * 1024)
            let reply = try await client.send(.post, "/stores/\(seed.mine)/write", APIEndpoint.all.first { $0.operation == .write }?.body, token: huge)
            #expect(reply.status == .unauthorized)
            #expect(reply.code == "invalid_claims")
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    /// Spellings of a protected path that a classifier might miss: each is refused 401 or
    /// not routed at all (404), and none changes anything.
    @Test func pathVariantsAreNeverServedWithoutAToken() async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let write = #"{"writes":{"tuple_keys":[{"user":"user:mallory","relation":"viewer","object":"document:roadmap"}]}}"#
            let variants = [
                "/stores/\(seed.mine)/write/", "//stores/\(seed.mine)/write", "/stores//\(seed.mine)/write", "/stores/\(seed.mine)//write",
                "/Stores/\(seed.mine)/write", "/stores/\(seed.mine)/WRITE", "/stores/\(seed.mine)/./write", "/stores/x/../\(seed.mine)/write",
                "/stores/\(seed.mine)/%77rite", "/%73tores/\(seed.mine)/write", "/stores/\(seed.mine)/write?x=1", "/stores/\(seed.mine)/write;x",
            ]
            let before = try await client.state(seed, admin: admin)
            for path in variants {
                let reply = try await client.send(.post, path, write, token: nil)
                #expect(reply.status == .unauthorized || reply.status == .notFound, "\(path): \(reply.status) \(reply.text)")
            }
            #expect(try await client.send(.head, "/stores/\(seed.mine)", token: nil).status != .ok)
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    @Test func repeatedFailuresFromOneAddressAre429WithRetryAfter() async throws {
        try await OIDCServer.run(configure: { $0.failureLimitPerMinute = 3 }) { client, _, seed, admin in
            for _ in 0..<3 {
                #expect(try await client.send(.get, "/stores/\(seed.mine)", token: "wrong").status == .unauthorized)
            }
            let throttled = try await client.send(.get, "/stores/\(seed.mine)", token: "wrong")
            #expect(throttled.status == .tooManyRequests)
            #expect(Int(throttled.header("Retry-After") ?? "") ?? 0 > 0)
            // While throttled even a valid token is turned away, so guessing gains nothing.
            #expect(try await client.send(.get, "/stores/\(seed.mine)", token: admin).status == .tooManyRequests)
        }
    }
}
