import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TesseraAuth

/// One operation of the HTTP API as a concrete request that succeeds against the seeded
/// store when the caller may perform it. The tests run every operation in ``all``.
struct APIEndpoint: Sendable, CustomTestStringConvertible {
    let operation: APIOperation
    let method: HTTPRequest.Method
    /// The path with `{store}` and `{model}` placeholders.
    let path: String
    let body: String?
    let success: HTTPResponse.Status

    var testDescription: String { "\(method) \(path)" }

    /// Whether the operation acts on the store in its path (and so is confined by the
    /// token's store list).
    var isStoreBound: Bool { path.hasPrefix("/stores/{store}") }

    /// The scope the operation needs, by its default name.
    var scope: String { ScopeNames().name(for: operation.requiredScope) }

    /// Whether performing it changes stored state (checked to be unchanged after a refusal).
    var mutates: Bool { method != .get && !Self.queries.contains(operation) }

    private static let queries: Set<APIOperation> = [.read, .check, .batchCheck, .expand, .listObjects, .streamedListObjects, .listUsers]

    func uri(_ seed: Seed) -> String {
        path.replacingOccurrences(of: "{store}", with: seed.mine).replacingOccurrences(of: "{model}", with: seed.model)
    }

    static let tuple = #"{"user":"user:anne","relation":"viewer","object":"document:roadmap"}"#
    static let listObjects = #"{"type":"document","relation":"viewer","user":"user:anne"}"#

    /// Every operation that takes a caller except `metrics` (tested on its own).
    static let all: [APIEndpoint] = [
        APIEndpoint(operation: .createStore, method: .post, path: "/stores", body: #"{"name":"another"}"#, success: .created),
        APIEndpoint(operation: .listStores, method: .get, path: "/stores", body: nil, success: .ok),
        APIEndpoint(operation: .getStore, method: .get, path: "/stores/{store}", body: nil, success: .ok),
        APIEndpoint(operation: .deleteStore, method: .delete, path: "/stores/{store}", body: nil, success: .noContent),
        APIEndpoint(operation: .writeModel, method: .post, path: "/stores/{store}/authorization-models", body: Seed.model, success: .created),
        APIEndpoint(operation: .readModels, method: .get, path: "/stores/{store}/authorization-models", body: nil, success: .ok),
        APIEndpoint(operation: .readModel, method: .get, path: "/stores/{store}/authorization-models/{model}", body: nil, success: .ok),
        APIEndpoint(
            operation: .write, method: .post, path: "/stores/{store}/write",
            body: #"{"writes":{"tuple_keys":[{"user":"user:zoe","relation":"viewer","object":"document:new"}]}}"#, success: .ok),
        APIEndpoint(operation: .read, method: .post, path: "/stores/{store}/read", body: "{}", success: .ok),
        APIEndpoint(operation: .readChanges, method: .get, path: "/stores/{store}/changes", body: nil, success: .ok),
        APIEndpoint(operation: .check, method: .post, path: "/stores/{store}/check", body: #"{"tuple_key":\#(tuple)}"#, success: .ok),
        APIEndpoint(
            operation: .batchCheck, method: .post, path: "/stores/{store}/batch-check",
            body: #"{"checks":[{"tuple_key":\#(tuple),"correlation_id":"c1"}]}"#, success: .ok),
        APIEndpoint(
            operation: .expand, method: .post, path: "/stores/{store}/expand",
            body: #"{"tuple_key":{"relation":"viewer","object":"document:roadmap"}}"#, success: .ok),
        APIEndpoint(operation: .listObjects, method: .post, path: "/stores/{store}/list-objects", body: listObjects, success: .ok),
        APIEndpoint(
            operation: .streamedListObjects, method: .post, path: "/stores/{store}/streamed-list-objects", body: listObjects, success: .ok),
        APIEndpoint(
            operation: .listUsers, method: .post, path: "/stores/{store}/list-users",
            body: #"{"object":{"type":"document","id":"roadmap"},"relation":"viewer","user_filters":[{"type":"user"}]}"#, success: .ok),
        APIEndpoint(
            operation: .writeAssertions, method: .put, path: "/stores/{store}/assertions/{model}",
            body: #"{"assertions":[{"tuple_key":\#(tuple),"expectation":false}]}"#, success: .noContent),
        APIEndpoint(operation: .readAssertions, method: .get, path: "/stores/{store}/assertions/{model}", body: nil, success: .ok),
        APIEndpoint(operation: .readAudit, method: .get, path: "/stores/{store}/audit", body: nil, success: .ok),
    ]
}

/// What every endpoint test starts from: the caller's store (`mine`, with a model, a tuple
/// and an assertion) and another tenant's store (`theirs`).
struct Seed: Sendable {
    let mine: String
    let theirs: String
    let model: String

    static let model = #"""
        {"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"document","relations":{"viewer":{"this":{}}},\#
        "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}
        """#
}

extension TestClientProtocol {
    /// Creates and fills both stores as `admin` (a caller allowed everything).
    func seed(admin: String) async throws -> Seed {
        let mine = try await created(.post, "/stores", #"{"name":"mine"}"#, admin, field: "id")
        let theirs = try await created(.post, "/stores", #"{"name":"theirs"}"#, admin, field: "id")
        let model = try await created(.post, "/stores/\(mine)/authorization-models", Seed.model, admin, field: "authorization_model_id")
        let write = try await send(.post, "/stores/\(mine)/write", #"{"writes":{"tuple_keys":[\#(APIEndpoint.tuple)]}}"#, token: admin)
        try #require(write.status == .ok, "\(write.text)")
        let assert = try await send(
            .put, "/stores/\(mine)/assertions/\(model)", #"{"assertions":[{"tuple_key":\#(APIEndpoint.tuple),"expectation":true}]}"#,
            token: admin)
        try #require(assert.status == .noContent, "\(assert.text)")
        return Seed(mine: mine, theirs: theirs, model: model)
    }

    /// Everything the endpoints can change, read as `admin`: equal before and after a
    /// refused request shows the refusal had no effect.
    func state(_ seed: Seed, admin: String) async throws -> [String] {
        var texts: [String] = []
        for (method, uri, body) in [
            (HTTPRequest.Method.get, "/stores", nil),
            (.get, "/stores/\(seed.mine)/changes", nil),
            (.get, "/stores/\(seed.mine)/authorization-models", nil),
            (.get, "/stores/\(seed.mine)/assertions/\(seed.model)", nil),
            (.post, "/stores/\(seed.mine)/read", "{}"),
        ] as [(HTTPRequest.Method, String, String?)] {
            texts.append(try await send(method, uri, body, token: admin).text)
        }
        return texts
    }

    private func created(_ method: HTTPRequest.Method, _ uri: String, _ body: String, _ token: String, field: String) async throws -> String {
        let reply = try await send(method, uri, body, token: token)
        try #require(reply.status == .created, "\(uri): \(reply.text)")
        return try #require(reply.json[field] as? String)
    }
}
