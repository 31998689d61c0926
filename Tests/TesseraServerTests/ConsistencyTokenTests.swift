import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing
@testable import TesseraStore

/// `Tessera-Consistency-Token`: returned by writes, accepted by the queries and read,
/// refused from another epoch or from the future.
struct ConsistencyTokenTests {
    /// Every request that accepts a token, as (path suffix, body).
    static let readers: [(String, String)] = [
        ("read", "{}"),
        ("check", #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"}}"#),
        ("batch-check", #"{"checks":[{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"correlation_id":"c"}]}"#),
        ("expand", #"{"tuple_key":{"object":"document:roadmap","relation":"viewer"}}"#),
        ("list-objects", #"{"type":"document","relation":"viewer","user":"user:bob"}"#),
        ("streamed-list-objects", #"{"type":"document","relation":"viewer","user":"user:bob"}"#),
        ("list-users", #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"user"}]}"#),
    ]

    @Test(arguments: readers.map(\.0))
    func aTokenFromTheLatestWriteIsAccepted(_ endpoint: String) async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let write = try await client.writeTuples(store, ["document:fresh#owner@user:bob"])
            let token = try #require(write.header("Tessera-Consistency-Token"))
            let body = try #require(Self.readers.first { $0.0 == endpoint }?.1)
            let result = try await client.send(.post, "/stores/\(store)/\(endpoint)", body, headers: ["Tessera-Consistency-Token": token])
            #expect(result.status == .ok)
        }
    }

    @Test(arguments: readers.map(\.0))
    func aTokenFromAnotherEpochIs400(_ endpoint: String) async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let foreign = ConsistencyToken(epoch: Array(repeating: 7, count: 16), revision: 1).encoded
            let body = try #require(Self.readers.first { $0.0 == endpoint }?.1)
            let result = try await client.send(.post, "/stores/\(store)/\(endpoint)", body, headers: ["Tessera-Consistency-Token": foreign])
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_consistency_token")
        }
    }

    @Test(arguments: readers.map(\.0))
    func aTokenFromTheFutureIs400(_ endpoint: String) async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let write = try await client.writeTuples(store, ["document:fresh#owner@user:bob"])
            let current = try ConsistencyToken(encoded: try #require(write.header("Tessera-Consistency-Token")))
            let future = ConsistencyToken(epoch: current.epoch, revision: current.revision + 1000).encoded
            let body = try #require(Self.readers.first { $0.0 == endpoint }?.1)
            let result = try await client.send(.post, "/stores/\(store)/\(endpoint)", body, headers: ["Tessera-Consistency-Token": future])
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_consistency_token")
        }
    }

    @Test func aMalformedTokenIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/check", Self.readers[1].1, headers: ["Tessera-Consistency-Token": "not a token"])
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_consistency_token")
        }
    }

    @Test func aCheckWithTheWritesTokenSeesTheWrite() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let write = try await client.writeTuples(store, ["document:fresh#owner@user:zed"])
            let token = try #require(write.header("Tessera-Consistency-Token"))
            let body = #"{"tuple_key":{"user":"user:zed","relation":"owner","object":"document:fresh"}}"#
            let result = try await client.send(.post, "/stores/\(store)/check", body, headers: ["Tessera-Consistency-Token": token])
            #expect(result.json["allowed"] == .bool(true))
        }
    }
}
