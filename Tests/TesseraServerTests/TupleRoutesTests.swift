import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing

/// `write`, `read` and `changes`.
struct TupleRoutesTests {
    @Test func writeAnswersAnEmptyObjectWithTokenAndModelHeaders() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let model = try await client.writeModel(store, dsl: TestModels.documents)
            let result = try await client.writeTuples(store, ["document:a#owner@user:anne"])
            #expect(result.text == "{}")
            #expect(result.header("Tessera-Consistency-Token")?.isEmpty == false)
            #expect(result.header("Openfga-Authorization-Model-Id") == model)
        }
    }

    @Test func eachWriteReturnsANewToken() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            _ = try await client.writeModel(store, dsl: TestModels.documents)
            let first = try await client.writeTuples(store, ["document:a#owner@user:anne"])
            let second = try await client.writeTuples(store, ["document:b#owner@user:anne"])
            #expect(first.header("Tessera-Consistency-Token") != second.header("Tessera-Consistency-Token"))
        }
    }

    @Test func writeWithoutAModelIs400() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(
                .post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[{"user":"user:a","relation":"r","object":"t:1"}]}}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "latest_authorization_model_not_found")
        }
    }

    @Test func writeOfNothingIsInvalidWriteInput() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/write", "{}")
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_write_input")
        }
    }

    @Test func writeOfATupleTheModelRefusesIsAValidationError() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[{"user":"user:anne","relation":"editor","object":"document:a"}]}}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message.contains("editor"))
        }
    }

    @Test func writeOfAnExistingTupleFailsUnlessIgnored() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let tuple = #"{"user":"user:anne","relation":"owner","object":"document:roadmap"}"#
            let duplicate = try await client.send(.post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[\#(tuple)]}}"#)
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.code == "write_failed_due_to_invalid_input")
            let ignored = try await client.send(.post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[\#(tuple)],"on_duplicate":"ignore"}}"#)
            #expect(ignored.status == .ok)
        }
    }

    @Test func writeRefusesAnUnknownOnDuplicateOption() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/write",
                #"{"writes":{"tuple_keys":[{"user":"user:x","relation":"owner","object":"document:x"}],"on_duplicate":"maybe"}}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("on_duplicate"))
        }
    }

    @Test func writeRefusesMoreTuplesThanTheLimit() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let keys = (0..<101).map { #"{"user":"user:u\#($0)","relation":"owner","object":"document:d"}"# }.joined(separator: ",")
            let result = try await client.send(.post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[\#(keys)]}}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "exceeded_entity_limit")
        }
    }

    @Test func deleteOfAMissingTupleFailsUnlessIgnored() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let tuple = #"{"user":"user:nobody","relation":"owner","object":"document:roadmap"}"#
            let missing = try await client.send(.post, "/stores/\(store)/write", #"{"deletes":{"tuple_keys":[\#(tuple)]}}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.code == "write_failed_due_to_invalid_input")
            let ignored = try await client.send(.post, "/stores/\(store)/write", #"{"deletes":{"tuple_keys":[\#(tuple)],"on_missing":"ignore"}}"#)
            #expect(ignored.status == .ok)
        }
    }

    @Test func readReturnsEveryTupleWithTimestamps() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/read", "{}")
            #expect(result.status == .ok)
            let tuples = try #require(result.json["tuples"]?.arrayValue)
            #expect(tuples.count == TestModels.documentTuples.count)
            #expect(tuples.allSatisfy { $0["key"]?["user"] != nil && $0["timestamp"]?.stringValue != nil })
            #expect(result.json["continuation_token"] == .string(""))
        }
    }

    @Test func readFiltersByObjectAndRelation() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/read", #"{"tuple_key":{"object":"document:roadmap","relation":"owner"}}"#)
            #expect(result.json["tuples"]?.arrayValue?.compactMap { $0["key"]?["user"]?.stringValue } == ["user:anne"])
        }
    }

    @Test func readPagesWithContinuationTokens() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            var seen = 0
            var token = ""
            var pages = 0
            repeat {
                let result = try await client.send(.post, "/stores/\(store)/read", #"{"page_size":3,"continuation_token":"\#(token)"}"#)
                #expect(result.status == .ok)
                seen += result.json["tuples"]?.arrayValue?.count ?? 0
                token = result.json["continuation_token"]?.stringValue ?? ""
                pages += 1
            } while !token.isEmpty && pages < 10
            #expect(seen == TestModels.documentTuples.count)
            #expect(pages == 3)
        }
    }

    @Test func readRefusesAPageSizeOutOfRange() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/read", #"{"page_size":1000}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "page_size_invalid")
        }
    }

    @Test func readRefusesATamperedContinuationToken() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/read", #"{"continuation_token":"AAAAAAAAAAAAAAAAAAAA"}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_continuation_token")
        }
    }

    @Test func changesListWritesAndDeletesOldestFirst() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            _ = try await client.writeModel(store, dsl: TestModels.documents)
            try await client.writeTuples(store, ["document:a#owner@user:anne"])
            _ = try await client.send(
                .post, "/stores/\(store)/write", #"{"deletes":{"tuple_keys":[{"user":"user:anne","relation":"owner","object":"document:a"}]}}"#)
            let result = try await client.send(.get, "/stores/\(store)/changes?type=document")
            #expect(result.status == .ok)
            let operations = result.json["changes"]?.arrayValue?.compactMap { $0["operation"]?.stringValue }
            #expect(operations == ["TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_DELETE"])
            #expect(result.json["changes"]?[0]?["tuple_key"]?["object"] == .string("document:a"))
            #expect(result.json["continuation_token"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func changesTokenComesBackUnchangedWhenNothingIsNew() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let first = try await client.send(.get, "/stores/\(store)/changes")
            let token = try #require(first.json["continuation_token"]?.stringValue)
            let again = try await client.send(.get, "/stores/\(store)/changes?continuation_token=\(token)")
            #expect(again.status == .ok)
            #expect(again.json["changes"]?.arrayValue?.isEmpty == true)
            #expect(again.json["continuation_token"] == .string(token))
        }
    }

    @Test func changesRefuseAStartTimeThatIsNotRFC3339() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.get, "/stores/\(store)/changes?start_time=yesterday")
            #expect(result.status == .badRequest)
            #expect(result.code == "invalid_start_time")
        }
    }
}
