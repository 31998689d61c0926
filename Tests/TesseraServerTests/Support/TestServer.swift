import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import NIOCore
import Prometheus
import TesseraAudit
import TesseraConditions
import TesseraEngine
import TesseraStore
@testable import TesseraServer

/// Tessera's HTTP application on a fresh data directory, for one test: configure it, then
/// `run` a body against it (through the router by default, or a live socket).
struct TestServer {
    var limits = APILimits()
    var engine = EngineConfiguration()
    /// When set, `/metrics` is served from it and Tessera's own metrics are recorded in it.
    var registry: PrometheusCollectorRegistry?
    /// Runs on the datastore before the application starts (to break it, for fault tests).
    var prepareDatastore: (@Sendable (LMDBDatastore) -> Void)?
    /// When set, the application audits as `tessera serve` does with these settings: the
    /// log in the data directory, the journal projected into it, decisions recorded.
    var audit: AuditConfiguration?

    func run<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await runAudited(setup) { client, _ in try await body(client) }
    }

    /// `run`, with the audit log (nil unless `audit` is set) handed to `body` too.
    func runAudited<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol, AuditLog?) async throws -> Value
    ) async throws -> Value {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-server-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datastore = try LMDBDatastore(path: directory)
        defer { datastore.close() }
        prepareDatastore?(datastore)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = directory
        configuration.limits = limits
        configuration.audit.enabled = audit != nil
        if let audit { configuration.audit = audit }
        let logger = Logger(label: "tessera-test")
        let serverAudit = try ServerAudit.open(configuration: configuration, datastore: datastore, logger: logger)
        defer { serverAudit?.log.close() }
        let factory: any MetricsFactory = registry.map { PrometheusMetricsFactory(registry: $0) } ?? NOOPMetricsHandler.instance
        let api = TesseraAPI(
            datastore: datastore, engine: Engine(configuration: engine), limits: limits, metrics: ServerMetrics(factory: factory),
            auditLog: serverAudit?.log, decisions: configuration.audit.decisions)
        let app = buildApplication(
            api: api, configuration: configuration, registry: registry, authenticator: nil, services: serverAudit.map { [$0.service] } ?? [],
            logger: logger)
        return try await app.test(setup) { client in try await body(client, serverAudit?.log) }
    }
}

/// A response of the API, with its body parsed as JSON.
struct APIResult: Sendable {
    let response: TestResponse
    var status: HTTPResponse.Status { response.status }
    var headers: HTTPFields { response.headers }
    var text: String { String(buffer: response.body) }

    /// The body as JSON (`.null` when empty or not JSON).
    var json: JSONValue {
        guard response.body.readableBytes > 0 else { return .null }
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))) ?? .null
    }

    /// The `code` of an error body.
    var code: String? { json["code"]?.stringValue }
    /// The `message` of an error body.
    var message: String { json["message"]?.stringValue ?? "" }

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

extension TestClientProtocol {
    /// Sends a request with a JSON (or any text) body and optional extra headers.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: [String: String] = [:]
    ) async throws -> APIResult {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let response = try await executeRequest(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
        return APIResult(response: response)
    }

    /// Creates a store and returns its id.
    func createStore(_ name: String = "test-store", headers: [String: String] = [:]) async throws -> String {
        let result = try await send(.post, "/stores", #"{"name":"\#(name)"}"#, headers: headers)
        guard result.status == .created, let id = result.json["id"]?.stringValue else { throw TestFailure("create store: \(result.status) \(result.text)") }
        return id
    }

    /// Writes a model given in the DSL and returns its id.
    func writeModel(_ store: String, dsl: String, headers: [String: String] = [:]) async throws -> String {
        let json = try AuthorizationModelText.json(dsl)
        let result = try await send(.post, "/stores/\(store)/authorization-models", json, headers: headers)
        guard result.status == .created, let id = result.json["authorization_model_id"]?.stringValue else {
            throw TestFailure("write model: \(result.status) \(result.text)")
        }
        return id
    }

    /// Writes tuples given as `object#relation@user` and returns the response.
    @discardableResult
    func writeTuples(_ store: String, _ tuples: [String], headers: [String: String] = [:]) async throws -> APIResult {
        let keys = try tuples.map { try TupleText.json($0) }.joined(separator: ",")
        let result = try await send(.post, "/stores/\(store)/write", #"{"writes":{"tuple_keys":[\#(keys)]}}"#, headers: headers)
        guard result.status == .ok else { throw TestFailure("write: \(result.status) \(result.text)") }
        return result
    }

    /// A store with the document model and a few tuples: what most query tests start from.
    func seededStore(headers: [String: String] = [:]) async throws -> (store: String, model: String) {
        let store = try await createStore(headers: headers)
        let model = try await writeModel(store, dsl: TestModels.documents, headers: headers)
        try await writeTuples(store, TestModels.documentTuples, headers: headers)
        return (store, model)
    }
}

/// A test precondition that did not hold (setup failed), with what happened.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { objectValue?[key] }

    subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    var numberValue: Double? {
        guard case .number(let value) = self else { return nil }
        return value
    }
}
