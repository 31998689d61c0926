import HTTPTypes
import HummingbirdTesting
import Testing
import TesseraAuth

/// Every endpoint through the real application in `--authn-method preshared` mode: each
/// configured key may do everything; an unknown key or none is 401 and changes nothing.
struct PresharedEndpointAccessTests {
    static let keys = ["first-preshared-key-0123456789abcdef", "second-preshared-key-0123456789abcdef"]

    static func run(_ body: @Sendable (_ client: any TestClientProtocol, _ seed: Seed) async throws -> Void) async throws {
        let auth = AuthConfiguration(method: .preshared(keys: keys), failureLimitPerMinute: 0)
        try await AuthTestServer(auth: auth).run { client in
            try await body(client, try await client.seed(admin: keys[0]))
        }
    }

    @Test(arguments: APIEndpoint.all)
    func aConfiguredKeyIsAllowed(_ endpoint: APIEndpoint) async throws {
        try await Self.run { client, seed in
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: Self.keys[1])
            #expect(reply.status == endpoint.success, "\(reply.text)")
        }
    }

    @Test(arguments: APIEndpoint.all)
    func anUnknownKeyIs401Unauthenticated(_ endpoint: APIEndpoint) async throws {
        try await Self.run { client, seed in
            let before = try await client.state(seed, admin: Self.keys[0])
            // A prefix of a real key, and a real key with one character more.
            for key in [String(Self.keys[0].dropLast()), Self.keys[1] + "x"] {
                let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: key)
                #expect(reply.status == .unauthorized)
                #expect(reply.code == "unauthenticated")
                #expect(reply.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="invalid_token""#) == true)
            }
            #expect(try await client.state(seed, admin: Self.keys[0]) == before)
        }
    }

    @Test(arguments: APIEndpoint.all)
    func withoutAKeyIs401BearerTokenMissing(_ endpoint: APIEndpoint) async throws {
        try await Self.run { client, seed in
            let before = try await client.state(seed, admin: Self.keys[0])
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: nil)
            #expect(reply.status == .unauthorized)
            #expect(reply.code == "bearer_token_missing")
            #expect(try await client.state(seed, admin: Self.keys[0]) == before)
        }
    }
}
