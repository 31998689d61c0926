import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import TesseraAudit
import TesseraAuth
import TesseraServer
import TesseraStore

/// The real application (`buildApplication`) with an ``Authenticator``, over a fresh LMDB
/// data directory, served live on a free loopback port for the duration of one test.
struct AuthTestServer {
    var auth: AuthConfiguration
    var protectMetrics = false
    /// Serve `/metrics` (from a fresh registry).
    var metrics = false

    /// Runs `body` against the started server and always tears everything down.
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-auth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datastore = try LMDBDatastore(path: directory)
        defer { datastore.close() }
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let authenticator = try Authenticator(configuration: auth, logger: logger)
        _ = await authenticator.prepare()
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = directory
        configuration.protectMetrics = protectMetrics
        configuration.auth = auth
        // Audited as `tessera serve` is by default, so the audit endpoint answers.
        let auditLog = try AuditLog(path: AuditLog.path(dataDirectory: directory), logger: logger)
        defer { auditLog.close() }
        let app = buildApplication(
            api: TesseraAPI(datastore: datastore, auditLog: auditLog), configuration: configuration,
            registry: metrics ? PrometheusCollectorRegistry() : nil, authenticator: authenticator, logger: logger)
        do {
            try await app.test(.live, body)
        } catch {
            try? await authenticator.shutdown()
            throw error
        }
        try await authenticator.shutdown()
    }
}

/// A response, with its body as text and as JSON.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The body's top-level JSON object, or empty.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// `code` of an error body.
    var code: String? { json["code"] as? String }

    var isSuccess: Bool { (200..<300).contains(status.code) }
}

extension TestClientProtocol {
    /// Sends one request; `headers` may repeat a name (a list of pairs keeps both).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: [(String, String)] = []
    ) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) { response in
            Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, token: String?) async throws -> Reply {
        try await send(method, uri, body, headers: token.map { [("Authorization", "Bearer " + $0)] } ?? [])
    }
}
