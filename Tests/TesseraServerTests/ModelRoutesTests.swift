import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import TesseraServer
import Testing

/// `/stores/{id}/authorization-models`: write, read, list.
struct ModelRoutesTests {
    @Test func writeAnswers201WithTheModelID() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let body = try AuthorizationModelText.json(TestModels.documents)
            let result = try await client.send(.post, "/stores/\(store)/authorization-models", body)
            #expect(result.status == .created)
            #expect(result.json["authorization_model_id"]?.stringValue?.count == 26)
        }
    }

    @Test func writeFillsInAnEmptySchemaVersion() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(
                .post, "/stores/\(store)/authorization-models", #"{"schema_version":"","type_definitions":[{"type":"user"}]}"#)
            #expect(result.status == .created)
            let id = try #require(result.json["authorization_model_id"]?.stringValue)
            let read = try await client.send(.get, "/stores/\(store)/authorization-models/\(id)")
            #expect(read.json["authorization_model"]?["schema_version"] == .string("1.1"))
        }
    }

    @Test func writeRefusesAnInvalidModel() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(
                .post, "/stores/\(store)/authorization-models",
                #"{"schema_version":"1.1","type_definitions":[{"type":"document","relations":{"viewer":{"computedUserset":{"relation":"missing"}}}}]}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_authorization_model")
            #expect(result.message.contains("missing"))
        }
    }

    @Test func writeRefusesTooManyTypes() async throws {
        var server = TestServer()
        server.limits.maxTypesPerModel = 2
        try await server.run { client in
            let store = try await client.createStore()
            let result = try await client.send(
                .post, "/stores/\(store)/authorization-models",
                #"{"schema_version":"1.1","type_definitions":[{"type":"a"},{"type":"b"},{"type":"c"}]}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "exceeded_entity_limit")
        }
    }

    @Test func writeToAnUnknownStoreIs404() async throws {
        try await TestServer().run { client in
            let body = try AuthorizationModelText.json(TestModels.documents)
            let result = try await client.send(.post, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV/authorization-models", body)
            #expect(result.status == .notFound)
            #expect(result.code == "store_id_not_found")
        }
    }

    @Test func readReturnsTheModelInOpenFGAsShape() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let id = try await client.writeModel(store, dsl: TestModels.documents)
            let result = try await client.send(.get, "/stores/\(store)/authorization-models/\(id)")
            #expect(result.status == .ok)
            let model = try #require(result.json["authorization_model"])
            #expect(model["id"] == .string(id))
            #expect(model["schema_version"] == .string("1.1"))
            #expect(model["type_definitions"]?.arrayValue?.count == 4)
            #expect(model["conditions"]?["in_region"]?["expression"] == .string("region in allowed"))
        }
    }

    @Test func readOfAnUnknownModelIs400() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(.get, "/stores/\(store)/authorization-models/01ARZ3NDEKTSV4RRFFQ69G5FAV")
            #expect(result.status == .badRequest)
            #expect(result.code == "authorization_model_not_found")
        }
    }

    @Test func readOfAMalformedModelIDIs400() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(.get, "/stores/\(store)/authorization-models/nope")
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }

    @Test func listReturnsModelsNewestFirstInPages() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let older = try await client.writeModel(store, dsl: "model\n  schema 1.1\ntype user\n")
            let newer = try await client.writeModel(store, dsl: TestModels.documents)
            let page1 = try await client.send(.get, "/stores/\(store)/authorization-models?page_size=1")
            #expect(page1.status == .ok)
            #expect(page1.json["authorization_models"]?[0]?["id"] == .string(newer))
            let token = try #require(page1.json["continuation_token"]?.stringValue)
            let page2 = try await client.send(.get, "/stores/\(store)/authorization-models?page_size=1&continuation_token=\(token)")
            #expect(page2.json["authorization_models"]?[0]?["id"] == .string(older))
            #expect(page2.json["continuation_token"] == .string(""))
        }
    }
}
