import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing

/// `/stores/{id}/assertions/{model_id}`: PUT 204, GET.
struct AssertionRoutesTests {
    static let assertions = #"""
        {"assertions":[
          {"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:roadmap"},"expectation":true},
          {"tuple_key":{"user":"user:zed","relation":"viewer","object":"document:roadmap"},"expectation":false,
           "contextual_tuples":[{"user":"user:zed","relation":"blocked","object":"document:roadmap"}],"context":{"region":"eu"}}]}
        """#

    @Test func writeAnswers204AndReadReturnsThem() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let written = try await client.send(.put, "/stores/\(store)/assertions/\(model)", Self.assertions)
            #expect(written.status == .noContent)
            #expect(written.response.body.readableBytes == 0)
            let read = try await client.send(.get, "/stores/\(store)/assertions/\(model)")
            #expect(read.status == .ok)
            #expect(read.json["authorization_model_id"] == .string(model))
            let items = try #require(read.json["assertions"]?.arrayValue)
            #expect(items.count == 2)
            #expect(items[0]["expectation"] == .bool(true))
            #expect(items[1]["contextual_tuples"]?[0]?["relation"] == .string("blocked"))
            #expect(items[1]["context"]?["region"] == .string("eu"))
        }
    }

    @Test func readBeforeAnyWriteIsEmpty() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let read = try await client.send(.get, "/stores/\(store)/assertions/\(model)")
            #expect(read.json["assertions"] == .array([]))
        }
    }

    @Test func writeForAnUnknownModelIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.put, "/stores/\(store)/assertions/01ARZ3NDEKTSV4RRFFQ69G5FAV", Self.assertions)
            #expect(result.status == .badRequest)
            #expect(result.code == "authorization_model_not_found")
        }
    }

    @Test func writeRefusesAnAssertionOnAnUnknownRelation() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let body = #"{"assertions":[{"tuple_key":{"user":"user:anne","relation":"nope","object":"document:roadmap"},"expectation":true}]}"#
            let result = try await client.send(.put, "/stores/\(store)/assertions/\(model)", body)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }

    @Test func writeRefusesMoreThan100Assertions() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let one = #"{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:roadmap"},"expectation":true}"#
            let body = #"{"assertions":[\#(Array(repeating: one, count: 101).joined(separator: ","))]}"#
            let result = try await client.send(.put, "/stores/\(store)/assertions/\(model)", body)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("assertions"))
        }
    }

    @Test func readWithAMalformedModelIDIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.get, "/stores/\(store)/assertions/latest")
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }
}
