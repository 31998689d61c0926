public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
public import TesseraConditions
public import TesseraModel

/// A small client for the OpenFGA HTTP API, as Tessera and OpenFGA servers speak it: the
/// calls `tessera test --api-url`, `tessera store import`, `tessera model write` and
/// `tessera model diff` need.
public struct OpenFGAClient: Sendable {
    /// The server's base URL (`http://127.0.0.1:8080`), without a trailing slash.
    public var baseURL: String
    /// Sent as `Authorization: Bearer TOKEN` (a preshared key or an access token).
    public var token: String?
    public var timeout: TimeAmount = .seconds(60)
    let httpClient: HTTPClient

    public init(baseURL: String, token: String? = nil, httpClient: HTTPClient = .shared) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.token = token
        self.httpClient = httpClient
    }

    /// Most tuples in one write request (OpenFGA's default `maxTuplesPerWrite`).
    public static let maxTuplesPerWrite = 100

    // MARK: Stores and models

    /// Creates a store; returns its id.
    public func createStore(name: String) async throws(RemoteError) -> String {
        let body = try await call(.POST, "/stores", body: .object(["name": .string(name)]))
        guard let id = body.objectValue?["id"]?.stringValue else { throw RemoteError.malformed("create store", body) }
        return id
    }

    public func deleteStore(id: String) async throws(RemoteError) {
        _ = try await call(.DELETE, "/stores/\(Self.escape(id))", body: nil)
    }

    /// Fails with the server's error (e.g. `store_id_not_found`) when the store is unknown.
    public func getStore(id: String) async throws(RemoteError) {
        _ = try await call(.GET, "/stores/\(Self.escape(id))", body: nil)
    }

    /// Writes `model` as the store's newest model; returns its id.
    public func writeModel(storeID: String, model: AuthorizationModel) async throws(RemoteError) -> String {
        var json = model.jsonValue().objectValue ?? [:]
        json["id"] = nil
        let body = try await call(.POST, "/stores/\(Self.escape(storeID))/authorization-models", body: .object(json))
        guard let id = body.objectValue?["authorization_model_id"]?.stringValue else { throw RemoteError.malformed("write model", body) }
        return id
    }

    /// The store's newest model.
    public func latestModel(storeID: String) async throws(RemoteError) -> AuthorizationModel {
        let body = try await call(.GET, "/stores/\(Self.escape(storeID))/authorization-models?page_size=1", body: nil)
        guard case .array(let models) = body.objectValue?["authorization_models"] ?? .null, let first = models.first else {
            throw RemoteError(status: 404, code: "latest_authorization_model_not_found", message: "the store has no model")
        }
        do {
            return try AuthorizationModel(jsonValue: first)
        } catch {
            throw RemoteError.malformed("read model", first)
        }
    }

    // MARK: Tuples

    /// Writes and deletes tuples in one request (at most ``maxTuplesPerWrite`` in all).
    public func write(storeID: String, writes: [TupleKey] = [], deletes: [TupleKey] = [], modelID: String? = nil) async throws(RemoteError) {
        var body: JSONObject = [:]
        if !writes.isEmpty { body["writes"] = .object(["tuple_keys": .array(writes.map(Self.tuple))]) }
        if !deletes.isEmpty { body["deletes"] = .object(["tuple_keys": .array(deletes.map { Self.tuple($0.withoutCondition) })]) }
        if let modelID { body["authorization_model_id"] = .string(modelID) }
        _ = try await call(.POST, "/stores/\(Self.escape(storeID))/write", body: .object(body))
    }

    /// Writes (or, `deleting`, deletes) any number of tuples, in requests of at most
    /// ``maxTuplesPerWrite``; `progress` gets the number done after each request.
    public func write(
        storeID: String, inBatches tuples: [TupleKey], deleting: Bool = false, modelID: String? = nil, progress: (Int) -> Void = { _ in }
    ) async throws(RemoteError) {
        var done = 0
        while done < tuples.count {
            let batch = Array(tuples[done..<min(done + Self.maxTuplesPerWrite, tuples.count)])
            if deleting {
                try await write(storeID: storeID, deletes: batch, modelID: modelID)
            } else {
                try await write(storeID: storeID, writes: batch, modelID: modelID)
            }
            done += batch.count
            progress(done)
        }
    }

    /// One page of the store's tuples (all of them: no filter).
    public func read(storeID: String, pageSize: Int = 100, continuationToken: String = "") async throws(RemoteError) -> (tuples: [TupleKey], continuationToken: String) {
        var body: JSONObject = ["page_size": .number(Double(pageSize))]
        if !continuationToken.isEmpty { body["continuation_token"] = .string(continuationToken) }
        let response = try await call(.POST, "/stores/\(Self.escape(storeID))/read", body: .object(body))
        guard let object = response.objectValue, case .array(let items) = object["tuples"] ?? .array([]) else {
            throw RemoteError.malformed("read", response)
        }
        var tuples: [TupleKey] = []
        for item in items {
            guard let key = item.objectValue?["key"]?.objectValue, let tuple = Self.tupleKey(key) else { throw RemoteError.malformed("read", item) }
            tuples.append(tuple)
        }
        return (tuples, object["continuation_token"]?.stringValue ?? "")
    }

    // MARK: Queries

    public func check(storeID: String, modelID: String?, object: String, relation: String, user: String, contextualTuples: [TupleKey], context: JSONObject?)
        async throws(RemoteError) -> Bool
    {
        var body: JSONObject = [
            "tuple_key": .object(["object": .string(object), "relation": .string(relation), "user": .string(user)])
        ]
        if !contextualTuples.isEmpty { body["contextual_tuples"] = .object(["tuple_keys": .array(contextualTuples.map(Self.tuple))]) }
        if let context { body["context"] = .object(context) }
        if let modelID { body["authorization_model_id"] = .string(modelID) }
        let response = try await call(.POST, "/stores/\(Self.escape(storeID))/check", body: .object(body))
        guard case .bool(let allowed) = response.objectValue?["allowed"] ?? .bool(false) else { throw RemoteError.malformed("check", response) }
        return allowed
    }

    public func listObjects(storeID: String, modelID: String?, type: String, relation: String, user: String, contextualTuples: [TupleKey], context: JSONObject?)
        async throws(RemoteError) -> [String]
    {
        var body: JSONObject = ["type": .string(type), "relation": .string(relation), "user": .string(user)]
        if !contextualTuples.isEmpty { body["contextual_tuples"] = .object(["tuple_keys": .array(contextualTuples.map(Self.tuple))]) }
        if let context { body["context"] = .object(context) }
        if let modelID { body["authorization_model_id"] = .string(modelID) }
        let response = try await call(.POST, "/stores/\(Self.escape(storeID))/list-objects", body: .object(body))
        guard case .array(let objects) = response.objectValue?["objects"] ?? .array([]) else { throw RemoteError.malformed("list objects", response) }
        return objects.compactMap(\.stringValue)
    }

    /// The users found, in their wire form (`user:anne`, `group:eng#member`, `user:*`).
    public func listUsers(
        storeID: String, modelID: String?, object: String, relation: String, filterType: String, filterRelation: String?, contextualTuples: [TupleKey],
        context: JSONObject?
    ) async throws(RemoteError) -> [String] {
        let parts = object.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        var filter: JSONObject = ["type": .string(filterType)]
        if let filterRelation { filter["relation"] = .string(filterRelation) }
        var body: JSONObject = [
            "object": .object(["type": .string(String(parts[0])), "id": .string(parts.count > 1 ? String(parts[1]) : "")]),
            "relation": .string(relation),
            "user_filters": .array([.object(filter)]),
        ]
        // List users takes a bare array (not {tuple_keys: …}).
        if !contextualTuples.isEmpty { body["contextual_tuples"] = .array(contextualTuples.map(Self.tuple)) }
        if let context { body["context"] = .object(context) }
        if let modelID { body["authorization_model_id"] = .string(modelID) }
        let response = try await call(.POST, "/stores/\(Self.escape(storeID))/list-users", body: .object(body))
        guard case .array(let users) = response.objectValue?["users"] ?? .array([]) else { throw RemoteError.malformed("list users", response) }
        var result: [String] = []
        for user in users {
            let fields = user.objectValue ?? [:]
            if let object = fields["object"]?.objectValue, let type = object["type"]?.stringValue, let id = object["id"]?.stringValue {
                result.append("\(type):\(id)")
            } else if let set = fields["userset"]?.objectValue, let type = set["type"]?.stringValue, let id = set["id"]?.stringValue,
                let relation = set["relation"]?.stringValue
            {
                result.append("\(type):\(id)#\(relation)")
            } else if let wildcard = fields["wildcard"]?.objectValue, let type = wildcard["type"]?.stringValue {
                result.append("\(type):*")
            } else {
                throw RemoteError.malformed("list users", user)
            }
        }
        return result
    }

    // MARK: Wire

    static func tuple(_ key: TupleKey) -> JSONValue {
        var fields: JSONObject = ["user": .string(key.user), "relation": .string(key.relation), "object": .string(key.object)]
        if let condition = key.condition {
            fields["condition"] = .object(["name": .string(condition.name), "context": .object(condition.context)])
        }
        return .object(fields)
    }

    static func tupleKey(_ fields: JSONObject) -> TupleKey? {
        guard let user = fields["user"]?.stringValue, let relation = fields["relation"]?.stringValue, let object = fields["object"]?.stringValue else {
            return nil
        }
        var key = TupleKey(object: object, relation: relation, user: user)
        if let condition = fields["condition"]?.objectValue, let name = condition["name"]?.stringValue, !name.isEmpty {
            key.condition = RelationshipCondition(name: name, context: condition["context"]?.objectValue ?? [:])
        }
        return key
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }

    /// Sends one request; a non-2xx answer becomes a ``RemoteError`` with the server's
    /// `code` and `message`.
    func call(_ method: HTTPMethod, _ path: String, body: JSONValue?) async throws(RemoteError) -> JSONValue {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.canonicalText))
        }
        let status: UInt
        let buffer: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = response.status.code
            buffer = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw RemoteError(status: 0, code: "unreachable", message: "\(method.rawValue) \(baseURL)\(path): \(error)")
        }
        let bytes = Data(buffer.readableBytesView)
        let json = bytes.isEmpty ? JSONValue.object([:]) : (try? JSONDecoder().decode(JSONValue.self, from: bytes))
        guard (200..<300).contains(status) else {
            let fields = json?.objectValue ?? [:]
            throw RemoteError(
                status: Int(status), code: fields["code"]?.stringValue ?? "http_\(status)",
                message: fields["message"]?.stringValue ?? String(decoding: bytes.prefix(500), as: UTF8.self))
        }
        guard let json else { throw RemoteError(status: Int(status), code: "malformed_response", message: "the response is not JSON") }
        return json
    }
}

/// A failed API call: the HTTP status (0 when the server could not be reached) and the
/// server's error code and message.
public struct RemoteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func malformed(_ call: String, _ body: JSONValue) -> RemoteError {
        RemoteError(status: 200, code: "malformed_response", message: "unexpected \(call) response: \(body.canonicalText.prefix(300))")
    }

    public var description: String { status == 0 ? message : "\(code): \(message)" }
}
