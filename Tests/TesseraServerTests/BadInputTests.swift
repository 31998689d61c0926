import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import TesseraServer
import Testing

/// Client mistakes get a 4xx with OpenFGA's body naming the field, and the server keeps serving.
struct BadInputTests {
    static let check = #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"}}"#

    @Test func malformedJSONIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", #"{"tuple_key": {"user": "#)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message.contains("JSON"))
        }
    }

    /// Bodies that are not strict JSON, each refused with what is wrong and where.
    @Test(arguments: [
        (#"{"tuple_key": 1,}"#, "syntax error at byte 16"),
        (#"{"tuple_key":{},"tuple_key":{}}"#, "duplicate member 'tuple_key'"),
        (#"{"context":{"n":1e999}}"#, "number 1e999 is out of range"),
        ("{\"a\":\"\u{1}\"}", "syntax error at byte 6"),
        (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "nested deeper than 512 levels"),
    ])
    func aBodyThatIsNotStrictJSONSaysWhy(body: String, reason: String) async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message == "invalid JSON body: \(reason)")
        }
    }

    @Test func aBodyThatIsNotUTF8Is400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let response = try await client.executeRequest(
                uri: "/stores/\(store)/check", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]))
            let result = APIResult(response: response)
            #expect(result.status == .badRequest)
            #expect(result.message == "invalid JSON body: the body is not valid UTF-8")
        }
    }

    @Test func aBodyThatIsNotAnObjectIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/check", "[1,2,3]")
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }

    @Test func aWrongJSONTypeNamesTheField() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/check", #"{"tuple_key":{"user":42,"relation":"viewer","object":"document:roadmap"}}"#)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
            #expect(result.message.contains("tuple_key.user"))
        }
    }

    @Test func aWrongTypeForAnArrayNamesTheField() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(.post, "/stores/\(store)/batch-check", #"{"checks":{"not":"an array"}}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("checks"))
        }
    }

    @Test func unknownFieldsAreIgnored() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let body = #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap","colour":"blue"},"extra":{"deep":[1]}}"#
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.status == .ok)
            #expect(result.json["allowed"] == .bool(true))
        }
    }

    @Test func camelCaseFieldNamesAreAccepted() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/check", #"{"tupleKey":{"user":"user:bob","relation":"viewer","object":"document:roadmap"}}"#)
            #expect(result.json["allowed"] == .bool(true))
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        var server = TestServer()
        server.limits.maxRequestBytes = 8 * 1024  // above the seeded model's JSON
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            let padding = String(repeating: "a", count: 16 * 1024)
            let result = try await client.send(
                .post, "/stores/\(store)/check", #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"x":"\#(padding)"}"#)
            #expect(result.status == .contentTooLarge)
            #expect(result.code == "request_too_large")
        }
    }

    @Test func theDefaultBodyLimitIs512KiB() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let padding = String(repeating: "a", count: 512 * 1024)
            let result = try await client.send(.post, "/stores/\(store)/check", #"{"x":"\#(padding)"}"#)
            #expect(result.status == .contentTooLarge)
        }
    }

    @Test func deeplyNestedJSONIs400() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let depth = 10_000
            let body = #"{"context":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            let result = try await client.send(.post, "/stores/\(store)/check", body)
            #expect(result.status == .badRequest)
            #expect(result.code == "validation_error")
        }
    }

    @Test func anOverlongURIIs414() async throws {
        var server = TestServer()
        server.limits.maxURLBytes = 100
        try await server.run { client in
            let result = try await client.send(.get, "/stores?name=" + String(repeating: "n", count: 200))
            #expect(result.status == .uriTooLong)
            #expect(result.code == "uri_too_long")
        }
    }

    @Test func anOverlongObjectNamesTheField() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let object = "document:" + String(repeating: "o", count: 300)
            let result = try await client.send(
                .post, "/stores/\(store)/check", #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"\#(object)"}}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("tuple_key.object"))
        }
    }

    @Test func aMalformedModelIDInTheBodyNamesTheField() async throws {
        try await TestServer().run { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/check",
                #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"authorization_model_id":"zzz"}"#)
            #expect(result.status == .badRequest)
            #expect(result.message.contains("authorization_model_id"))
        }
    }

    /// One bad request of the live test, with the status and code it must get.
    struct BadRequest: Sendable {
        let label: String
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let status: HTTPResponse.Status
        let code: String
    }

    static let unknownID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"

    /// Every kind of bad input, for a seeded store and its model.
    static func badRequests(store: String, model: String) -> [BadRequest] {
        let deep = 10_000
        let checkPath = "/stores/\(store)/check"
        return [
            BadRequest(label: "malformed JSON", method: .post, path: checkPath, body: "{", status: .badRequest, code: "validation_error"),
            BadRequest(label: "a body that is an array", method: .post, path: checkPath, body: "[]", status: .badRequest, code: "validation_error"),
            BadRequest(label: "a body that is null", method: .post, path: checkPath, body: "null", status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "a string for an object", method: .post, path: checkPath, body: #"{"tuple_key":"x"}"#, status: .badRequest,
                code: "validation_error"),
            BadRequest(
                label: "a number for a string", method: .post, path: "/stores/\(store)/write",
                body: #"{"writes":{"tuple_keys":[{"user":1,"relation":"owner","object":"document:x"}]}}"#, status: .badRequest,
                code: "validation_error"),
            BadRequest(
                label: "a string for a page size", method: .post, path: "/stores/\(store)/read", body: #"{"page_size":"ten"}"#,
                status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "10k-deep arrays", method: .post, path: checkPath,
                body: String(repeating: "[", count: deep) + String(repeating: "]", count: deep), status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "10k-deep objects in the context", method: .post, path: checkPath,
                body: #"{"context":"# + String(repeating: #"{"a":"#, count: deep) + "1" + String(repeating: "}", count: deep + 1),
                status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "10k-deep model", method: .post, path: "/stores/\(store)/authorization-models",
                body: #"{"schema_version":"1.1","type_definitions":"# + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "}",
                status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "an oversized body", method: .post, path: checkPath,
                body: #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"pad":"\#(String(repeating: "p", count: 80 * 1024))"}"#,
                status: .contentTooLarge, code: "request_too_large"),
            BadRequest(label: "a malformed store id", method: .get, path: "/stores/not-a-ulid", body: nil, status: .badRequest, code: "validation_error"),
            BadRequest(
                label: "a malformed store id on a query", method: .post, path: "/stores/-/check", body: check, status: .badRequest,
                code: "validation_error"),
            BadRequest(
                label: "a malformed model id", method: .get, path: "/stores/\(store)/authorization-models/nope", body: nil, status: .badRequest,
                code: "validation_error"),
            BadRequest(
                label: "a malformed model id in the body", method: .post, path: checkPath,
                body: #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"authorization_model_id":"zzz"}"#,
                status: .badRequest, code: "validation_error"),
            BadRequest(label: "an unknown store", method: .get, path: "/stores/\(unknownID)", body: nil, status: .notFound, code: "store_id_not_found"),
            BadRequest(
                label: "an unknown store on a query", method: .post, path: "/stores/\(unknownID)/check", body: check, status: .notFound,
                code: "store_id_not_found"),
            BadRequest(
                label: "an unknown model", method: .get, path: "/stores/\(store)/authorization-models/\(unknownID)", body: nil,
                status: .badRequest, code: "authorization_model_not_found"),
            BadRequest(
                label: "an unknown model on a query", method: .post, path: checkPath,
                body: #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"},"authorization_model_id":"\#(unknownID)"}"#,
                status: .badRequest, code: "authorization_model_not_found"),
            BadRequest(
                label: "an unknown model's assertions", method: .get, path: "/stores/\(store)/assertions/\(unknownID)", body: nil,
                status: .badRequest, code: "authorization_model_not_found"),
            BadRequest(
                label: "a bad continuation token (stores)", method: .get, path: "/stores?continuation_token=garbage", body: nil,
                status: .badRequest, code: "invalid_continuation_token"),
            BadRequest(
                label: "a bad continuation token (read)", method: .post, path: "/stores/\(store)/read",
                body: #"{"continuation_token":"AAAAAAAAAAAAAAAAAAAA"}"#, status: .badRequest, code: "invalid_continuation_token"),
            BadRequest(
                label: "a bad continuation token (models)", method: .get, path: "/stores/\(store)/authorization-models?continuation_token=%21%21",
                body: nil, status: .badRequest, code: "invalid_continuation_token"),
            BadRequest(
                label: "a bad continuation token (changes)", method: .get, path: "/stores/\(store)/changes?continuation_token=bm9wZQ",
                body: nil, status: .badRequest, code: "invalid_continuation_token"),
        ]
    }

    /// Every kind of bad input, over a real socket: each gets its 4xx and OpenFGA's body,
    /// and afterwards the same connection pool still gets right answers.
    @Test func theServerKeepsServingAfterBadInput() async throws {
        var server = TestServer()
        server.limits.maxRequestBytes = 64 * 1024  // above the 10k-deep bodies (20–50 KB)
        try await server.run(.live) { client in
            let (store, model) = try await client.seededStore()
            for bad in Self.badRequests(store: store, model: model) {
                let result = try await client.send(bad.method, bad.path, bad.body)
                #expect(result.status == bad.status, "\(bad.label): \(result.status) \(result.text.prefix(200))")
                #expect(result.code == bad.code, "\(bad.label): \(result.text.prefix(200))")
                #expect(!result.message.isEmpty, "\(bad.label): no message")
            }
            let result = try await client.send(.post, "/stores/\(store)/check", Self.check)
            #expect(result.json["allowed"] == .bool(true))
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
        }
    }
}
