import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing

/// `/stores`: create, get, list, delete.
struct StoreRoutesTests {
    @Test func createAnswers201WithTheStore() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.post, "/stores", #"{"name":"my store"}"#)
            #expect(result.status == .created)
            #expect(result.json["name"] == .string("my store"))
            #expect(result.json["id"]?.stringValue?.count == 26)
            #expect(result.json["created_at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(result.json["updated_at"]?.stringValue != nil)
            #expect(result.header("Content-Type") == "application/json")
        }
    }

    @Test func createRefusesAnInvalidName() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.post, "/stores", #"{"name":"x"}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            // OpenFGA's message, naming the field as its protobuf validation does.
            #expect(result.message.contains("CreateStoreRequest.Name"))
        }
    }

    @Test func getReturnsTheStoreWithDeletedAt() async throws {
        try await TestServer().run { client in
            let id = try await client.createStore("fetched")
            let result = try await client.send(.get, "/stores/\(id)")
            #expect(result.status == .ok)
            #expect(result.json["id"] == .string(id))
            #expect(result.json["name"] == .string("fetched"))
            #expect(result.json.objectValue?.keys.contains("deleted_at") == true)
        }
    }

    @Test func getOfAnUnknownStoreIs404() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV")
            #expect(result.status == .notFound)
            #expect(result.code == "store_id_not_found")
        }
    }

    @Test func aMalformedStoreIDIs400NamingTheField() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/stores/not-a-ulid")
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message.contains("store_id"))
        }
    }

    @Test func listPagesThroughStoresOldestFirst() async throws {
        try await TestServer().run { client in
            let first = try await client.createStore("one")
            let second = try await client.createStore("two")
            let third = try await client.createStore("three")
            let page1 = try await client.send(.get, "/stores?page_size=2")
            #expect(page1.status == .ok)
            #expect(page1.json["stores"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [first, second])
            let token = try #require(page1.json["continuation_token"]?.stringValue)
            #expect(!token.isEmpty)
            let page2 = try await client.send(.get, "/stores?page_size=2&continuation_token=\(token)")
            #expect(page2.json["stores"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [third])
            #expect(page2.json["continuation_token"] == .string(""))
        }
    }

    @Test func listFiltersByExactName() async throws {
        try await TestServer().run { client in
            _ = try await client.createStore("alpha")
            let beta = try await client.createStore("beta")
            let result = try await client.send(.get, "/stores?name=beta")
            #expect(result.json["stores"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [beta])
        }
    }

    @Test func listRefusesABadPageSize() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/stores?page_size=abc")
            #expect(result.status == .badRequest)
            #expect(result.code == "page_size_invalid")
        }
    }

    @Test func listRefusesABadContinuationToken() async throws {
        try await TestServer().run { client in
            let malformed = try await client.send(.get, "/stores?continuation_token=%25%25%25")
            #expect(malformed.status == .badRequest)
            #expect(malformed.code == "invalid_continuation_token")
            let forged = try await client.send(.get, "/stores?continuation_token=bm90LWEtdG9rZW4")
            #expect(forged.status == .badRequest)
            #expect(forged.code == "invalid_continuation_token")
        }
    }

    @Test func deleteAnswers204ThenTheStoreIsGone() async throws {
        try await TestServer().run { client in
            let id = try await client.createStore()
            let deleted = try await client.send(.delete, "/stores/\(id)")
            #expect(deleted.status == .noContent)
            #expect(deleted.response.body.readableBytes == 0)
            let after = try await client.send(.get, "/stores/\(id)")
            #expect(after.status == .notFound)
            #expect(after.code == "store_id_not_found")
        }
    }
}
