import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import TesseraEngine
import Testing

/// `check`, `batch-check`, `expand`, `list-objects`, `streamed-list-objects`, `list-users`.
struct QueryRoutesTests {
    static func checkBody(_ user: String, _ relation: String, _ object: String, extra: String = "") -> String {
        #"{"tuple_key":{"user":"\#(user)","relation":"\#(relation)","object":"\#(object)"}\#(extra)}"#
    }

    @Test func checkAnswersAllowedAndEmptyResolutionWithTheModelHeader() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:bob", "viewer", "document:roadmap"))
            #expect(result.status == .ok)
            #expect(result.text == #"{"allowed":true,"resolution":""}"#)
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
        }
    }

    @Test func checkDeniesAUserWithoutAPath() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:zed", "viewer", "document:roadmap"))
            #expect(result.json["allowed"] == .bool(false))
        }
    }

    @Test func checkAppliesExclusion() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let viewer = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:erin", "viewer", "document:roadmap"))
            let reader = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:erin", "can_read", "document:roadmap"))
            #expect(viewer.json["allowed"] == .bool(true))
            #expect(reader.json["allowed"] == .bool(false))
        }
    }

    /// The `fga` CLI sends both on every query: protojson reads them as unset.
    @Test func checkAcceptsAnEmptyModelIDAndNullTupleKeys() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let body = Self.checkBody("user:anne", "owner", "document:roadmap", extra: #","authorization_model_id":"","contextual_tuples":{"tuple_keys":null}"#)
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.status == .ok)
            #expect(result.json["allowed"] == .bool(true))
        }
    }

    @Test func checkUsesTheModelItNames() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            _ = try await client.writeModel(store, dsl: "model\n  schema 1.1\ntype user\ntype document\n  relations\n    define owner: [user]\n")
            let body = Self.checkBody("user:bob", "viewer", "document:roadmap", extra: #","authorization_model_id":"\#(model)""#)
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.json["allowed"] == .bool(true))
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
        }
    }

    @Test func checkOfAnUnknownModelIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let body = Self.checkBody("user:bob", "viewer", "document:roadmap", extra: #","authorization_model_id":"01ARZ3NDEKTSV4RRFFQ69G5FAV""#)
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.status == .badRequest)
            #expect(result.code == "authorization_model_not_found")
        }
    }

    @Test func checkOnAnUnknownStoreIs404() async throws {
        try await TestServer().run { client in
            let result = try await client.send(
                .post, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV/check", Self.checkBody("user:bob", "viewer", "document:roadmap"))
            #expect(result.status == .notFound)
            #expect(result.code == "store_id_not_found")
        }
    }

    @Test func checkOfAnUnknownRelationIsAValidationError() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:bob", "editor", "document:roadmap"))
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }

    @Test func checkEvaluatesConditionsWithTheRequestContext() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let tuple = #"{"user":"user:dave","relation":"viewer","object":"document:eu","condition":{"name":"in_region","context":{"allowed":["eu"]}}}"#
            _ = try await client.send(.post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[\#(tuple)]}}"#)
            let inside = try await client.send(
                .post, "/stores/\(store)/check", Self.checkBody("user:dave", "viewer", "document:eu", extra: #","context":{"region":"eu"}"#))
            let outside = try await client.send(
                .post, "/stores/\(store)/check", Self.checkBody("user:dave", "viewer", "document:eu", extra: #","context":{"region":"us"}"#))
            let missing = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:dave", "viewer", "document:eu"))
            #expect(inside.json["allowed"] == .bool(true))
            #expect(outside.json["allowed"] == .bool(false))
            #expect(missing.status == .badRequest)
            #expect(missing.code == "validation_error")
        }
    }

    @Test func checkSeesContextualTuples() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let extra = #","contextual_tuples":{"tuple_keys":[{"user":"user:zed","relation":"member","object":"group:eng"}]}"#
            let result = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:zed", "viewer", "document:roadmap", extra: extra))
            #expect(result.json["allowed"] == .bool(true))
        }
    }

    @Test func checkRefusesAnInvalidContextualTuple() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let extra = #","contextual_tuples":{"tuple_keys":[{"user":"user:zed","relation":"nope","object":"group:eng"}]}"#
            let result = try await client.send(.post, "/stores/\(store)/check", Self.checkBody("user:zed", "viewer", "document:roadmap", extra: extra))
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_tuple")
        }
    }

    @Test func checkRefusesAnUnknownConsistencyPreference() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let higher = try await client.send(
                .post, "/stores/\(store)/check", Self.checkBody("user:anne", "owner", "document:roadmap", extra: #","consistency":"HIGHER_CONSISTENCY""#))
            let unknown = try await client.send(
                .post, "/stores/\(store)/check", Self.checkBody("user:anne", "owner", "document:roadmap", extra: #","consistency":"FASTEST""#))
            #expect(higher.json["allowed"] == .bool(true))
            #expect(unknown.status == .badRequest)
            #expect(unknown.message.contains("consistency"))
        }
    }

    @Test func batchCheckAnswersEachCorrelationID() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let body = #"""
                {"checks":[
                  {"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"correlation_id":"yes"},
                  {"tuple_key":{"user":"user:zed","relation":"viewer","object":"document:roadmap"},"correlation_id":"no"}]}
                """#
            let result = try await client.send(.post, "/stores/\(store)/batch-check", body)
            #expect(result.status == .ok)
            #expect(result.json["result"]?["yes"] == .object(["allowed": .bool(true)]))
            #expect(result.json["result"]?["no"] == .object(["allowed": .bool(false)]))
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
        }
    }

    /// OpenFGA's BatchCheckSingleResult is a oneof: a failed item has `error` and no `allowed`.
    @Test func batchCheckReportsAFailedItemAsAnErrorOnly() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let body = #"""
                {"checks":[
                  {"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"correlation_id":"ok"},
                  {"tuple_key":{"user":"user:bob","relation":"editor","object":"document:roadmap"},"correlation_id":"bad"}]}
                """#
            let result = try await client.send(.post, "/stores/\(store)/batch-check", body)
            #expect(result.status == .ok)
            let failed = try #require(result.json["result"]?["bad"]?.objectValue)
            #expect(Set(failed.keys) == ["error"])
            #expect(failed["error"]?["input_error"] == .string("validation_error"))
            #expect(failed["error"]?["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func batchCheckRefusesDuplicateCorrelationIDs() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let check = #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"correlation_id":"same"}"#
            let result = try await client.send(.post, "/stores/\(store)/batch-check", #"{"checks":[\#(check),\#(check)]}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message.contains("same"))
        }
    }

    @Test func batchCheckRefusesMoreChecksThanTheLimit() async throws {
        var server = TestServer()
        server.engine.maxChecksPerBatch = 2
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let checks = (0..<3).map { #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"correlation_id":"c\#($0)"}"# }
            let result = try await client.send(.post, "/stores/\(store)/batch-check", #"{"checks":[\#(checks.joined(separator: ","))]}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("maximum allowed is 2"))
        }
    }

    @Test func expandAnswersOneLevelOfTheTree() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/expand", #"{"tuple_key":{"object":"document:roadmap","relation":"owner"}}"#)
            #expect(result.status == .ok)
            let root = try #require(result.json["tree"]?["root"])
            #expect(root["name"] == .string("document:roadmap#owner"))
            #expect(root["leaf"]?["users"]?["users"] == .array([.string("user:anne")]))
        }
    }

    @Test func expandOfAUnionNamesEveryChildAfterTheRequest() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/expand", #"{"tuple_key":{"object":"document:roadmap","relation":"viewer"}}"#)
            let nodes = try #require(result.json["tree"]?["root"]?["union"]?["nodes"]?.arrayValue)
            #expect(nodes.count == 3)
            #expect(nodes.allSatisfy { $0["name"] == .string("document:roadmap#viewer") })
            #expect(nodes[1]["leaf"]?["computed"]?["userset"] == .string("document:roadmap#owner"))
            #expect(nodes[2]["leaf"]?["tupleToUserset"]?["tupleset"] == .string("document:roadmap#parent"))
        }
    }

    @Test func expandOfAnUnknownRelationIsRelationNotFound() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/expand", #"{"tuple_key":{"object":"document:roadmap","relation":"nope"}}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "relation_not_found")
        }
    }

    @Test func listObjectsAnswersFullObjectIDs() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/list-objects", #"{"type":"document","relation":"viewer","user":"user:carol"}"#)
            #expect(result.status == .ok)
            #expect(Set(result.json["objects"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["document:roadmap", "document:handbook"])
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
            #expect(result.header("Tessera-Result-Truncated") == nil)
        }
    }

    @Test func listObjectsRequiresTheUser() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/list-objects", #"{"type":"document","relation":"viewer"}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("user"))
        }
    }

    @Test func listObjectsOfAnUnknownTypeIsTypeNotFound() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/list-objects", #"{"type":"spaceship","relation":"viewer","user":"user:anne"}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "type_not_found")
        }
    }

    @Test func streamedListObjectsSendsOneResultPerLine() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/streamed-list-objects", #"{"type":"document","relation":"viewer","user":"user:carol"}"#)
            #expect(result.status == .ok)
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
            let lines = result.text.split(separator: "\n").map(String.init)
            #expect(Set(lines) == [#"{"result":{"object":"document:roadmap"}}"#, #"{"result":{"object":"document:handbook"}}"#])
        }
    }

    @Test func streamedListObjectsRefusesAnInvalidRequestBeforeStreaming() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/streamed-list-objects", #"{"type":"document","relation":"nope","user":"user:carol"}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "relation_not_found")
        }
    }

    @Test func listUsersAnswersObjectsUsersetsAndWildcards() async throws {
        try await TestServer().run { client in
            let (store, model) = try await client.seededStore()
            let users = try await client.send(
                .post, "/stores/\(store)/list-users", #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"user"}]}"#)
            #expect(users.status == .ok)
            #expect(users.header("Openfga-Authorization-Model-Id") == model)
            let ids = Set(users.json["users"]?.arrayValue?.compactMap { $0["object"]?["id"]?.stringValue } ?? [])
            #expect(ids == ["anne", "bob", "carol", "erin"])
            let wildcard = try await client.send(
                .post, "/stores/\(store)/list-users", #"{"object":{"type":"document","id":"handbook"},"relation":"viewer","user_filters":[{"type":"user"}]}"#)
            #expect(wildcard.json["users"] == .array([.object(["wildcard": .object(["type": .string("user")])])]))
            let usersets = try await client.send(
                .post, "/stores/\(store)/list-users",
                #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"group","relation":"member"}]}"#)
            #expect(usersets.json["users"] == .array([.object(["userset": .object(["type": .string("group"), "id": .string("eng"), "relation": .string("member")])])]))
        }
    }

    @Test func listUsersNeedsExactlyOneFilter() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/list-users",
                #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"user"},{"type":"group"}]}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("user_filters"))
        }
    }
}
