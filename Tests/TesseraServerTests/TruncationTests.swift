import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import TesseraEngine
import Testing

/// `Tessera-Result-Truncated: true` when list-objects or list-users stopped at a limit.
struct TruncationTests {
    @Test func listObjectsCutAtTheResultLimitSaysSo() async throws {
        var server = TestServer()
        server.engine.listObjectsMaxResults = 1
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/list-objects", #"{"type":"document","relation":"viewer","user":"user:carol"}"#)
            #expect(result.status == .ok)
            #expect(result.json["objects"]?.arrayValue?.count == 1)
            #expect(result.header("Tessera-Result-Truncated") == "true")
        }
    }

    @Test func listObjectsWithinTheLimitHasNoHeader() async throws {
        var server = TestServer()
        server.engine.listObjectsMaxResults = 2
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/list-objects", #"{"type":"document","relation":"viewer","user":"user:carol"}"#)
            #expect(result.json["objects"]?.arrayValue?.count == 2)
            #expect(result.header("Tessera-Result-Truncated") == nil)
        }
    }

    @Test func listUsersCutAtTheResultLimitSaysSo() async throws {
        var server = TestServer()
        server.engine.listUsersMaxResults = 2
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/list-users", #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"user"}]}"#)
            #expect(result.status == .ok)
            #expect(result.json["users"]?.arrayValue?.count == 2)
            #expect(result.header("Tessera-Result-Truncated") == "true")
        }
    }

    @Test func streamedListObjectsIgnoresTheResultLimit() async throws {
        var server = TestServer()
        server.engine.listObjectsMaxResults = 1
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/streamed-list-objects", #"{"type":"document","relation":"viewer","user":"user:carol"}"#)
            #expect(result.text.split(separator: "\n").count == 2)
        }
    }
}
