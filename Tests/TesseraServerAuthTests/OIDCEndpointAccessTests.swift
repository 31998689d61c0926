import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TesseraAuth

/// Every endpoint through the real application in `--authn-method oidc` mode: allowed with
/// exactly its scope, 401 without or with a bad token, 403 with every other scope or another
/// tenant's token, and a refused request changes nothing.
struct OIDCEndpointAccessTests {
    @Test(arguments: APIEndpoint.all)
    func theRequiredScopeAloneIsAllowed(_ endpoint: APIEndpoint) async throws {
        try await OIDCServer.run { client, minter, seed, _ in
            // Store-bound operations also show that a token confined to the store may use it.
            let token = try minter.token(scopes: [endpoint.scope], stores: endpoint.isStoreBound ? [seed.mine] : nil)
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: token)
            #expect(reply.status == endpoint.success, "\(reply.text)")
        }
    }

    @Test(arguments: APIEndpoint.all)
    func withoutATokenIs401BearerTokenMissing(_ endpoint: APIEndpoint) async throws {
        try await OIDCServer.run { client, _, seed, admin in
            let before = try await client.state(seed, admin: admin)
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: nil)
            #expect(reply.status == .unauthorized)
            #expect(reply.code == "bearer_token_missing")
            #expect(reply.header("WWW-Authenticate") == "Bearer")
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    @Test(arguments: APIEndpoint.all)
    func aBadTokenIs401InvalidToken(_ endpoint: APIEndpoint) async throws {
        try await OIDCServer.run { client, minter, seed, admin in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-stranger-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // Another issuer's key under the same kid.
            let stranger = try TokenMinter(directory: directory, kid: minter.kid)
            let valid = try minter.token(scopes: TokenMinter.allScopes)
            let parts = valid.split(separator: ".").map(String.init)
            let badTokens = [
                try stranger.token(scopes: TokenMinter.allScopes),
                try minter.token(scopes: TokenMinter.allScopes, claims: ["exp": Int(Date().timeIntervalSince1970) - 3600]),
                try minter.token(scopes: TokenMinter.allScopes, claims: ["aud": "https://another-service.test"]),
                try minter.token(scopes: TokenMinter.allScopes, claims: ["iss": TokenMinter.issuer + "/"]),
                // The payload of one token with the signature of another.
                parts[0] + "." + (try minter.token(scopes: ["tessera:read"]).split(separator: ".")[1]) + "." + parts[2],
                "not-a-jwt",
            ]
            let before = try await client.state(seed, admin: admin)
            for token in badTokens {
                let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: token)
                #expect(reply.status == .unauthorized, "\(reply.text)")
                #expect(reply.code == "invalid_claims")
                #expect(reply.header("WWW-Authenticate")?.hasPrefix(#"Bearer error="invalid_token""#) == true)
            }
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    @Test(arguments: APIEndpoint.all)
    func everyOtherScopeIs403InsufficientScope(_ endpoint: APIEndpoint) async throws {
        try await OIDCServer.run { client, minter, seed, admin in
            let token = try minter.token(scopes: TokenMinter.allScopes.filter { $0 != endpoint.scope })
            let before = try await client.state(seed, admin: admin)
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: token)
            #expect(reply.status == .forbidden, "\(reply.text)")
            #expect(reply.code == "forbidden")
            #expect(reply.header("WWW-Authenticate") == #"Bearer error="insufficient_scope", scope="\#(endpoint.scope)""#)
            // The body says what is missing, so clients such as `fga` show how to fix it.
            #expect((reply.json["message"] as? String)?.hasSuffix("lacks scope \(endpoint.scope)") == true, "\(reply.text)")
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    /// Store-bound operations refuse a token confined to another store; creating a store is
    /// refused to every confined token. Listing is filtered instead (below).
    @Test(arguments: APIEndpoint.all.filter { $0.operation != .listStores })
    func anotherTenantsTokenIs403(_ endpoint: APIEndpoint) async throws {
        try await OIDCServer.run { client, minter, seed, admin in
            let token = try minter.token(scopes: TokenMinter.allScopes, stores: [seed.theirs])
            let before = try await client.state(seed, admin: admin)
            let reply = try await client.send(endpoint.method, endpoint.uri(seed), endpoint.body, token: token)
            #expect(reply.status == .forbidden, "\(reply.text)")
            #expect(reply.code == "forbidden")
            let lack = endpoint.isStoreBound ? "is not valid for this store" : "is limited to some stores"
            #expect((reply.json["message"] as? String)?.hasSuffix(lack) == true, "\(reply.text)")
            #expect(try await client.state(seed, admin: admin) == before)
        }
    }

    @Test func listStoresShowsOnlyTheTokensStores() async throws {
        try await OIDCServer.run { client, minter, seed, _ in
            let token = try minter.token(scopes: ["tessera:admin"], stores: [seed.theirs])
            let reply = try await client.send(.get, "/stores", token: token)
            #expect(reply.status == .ok)
            let stores = reply.json["stores"] as? [[String: Any]] ?? []
            #expect(stores.compactMap { $0["id"] as? String } == [seed.theirs])
        }
    }

    @Test func getStoreOfAnotherTenantIs403EvenWhenItDoesNotExist() async throws {
        try await OIDCServer.run { client, minter, seed, _ in
            // 403 before 404: a confined token learns nothing about which stores exist.
            let token = try minter.token(scopes: TokenMinter.allScopes, stores: [seed.theirs])
            let reply = try await client.send(.get, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV", token: token)
            #expect(reply.status == .forbidden)
        }
    }
}
