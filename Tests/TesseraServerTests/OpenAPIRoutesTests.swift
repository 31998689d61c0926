import Foundation
import Hummingbird
import Prometheus
import TesseraAudit
import TesseraConditions
import TesseraEngine
import TesseraStore
import Testing
@testable import TesseraServer

/// The OpenAPI document in the repository describes exactly the routes the server serves.
struct OpenAPIRoutesTests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// `METHOD /path` with every parameter written `{}`, so `{store_id}` matches `:store_id`.
    static func normalized(method: String, path: String) -> String {
        let components = path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? "{}" : String($0) }
        return "\(method.uppercased()) /\(components.joined(separator: "/"))"
    }

    /// The OpenAPI document in the repository.
    static func document() throws -> JSONValue {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TesseraServer/Resources/openapi.json")
        return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: source))
    }

    static func documentedOperations() throws -> Set<String> {
        let document = try document()
        let paths = try #require(document["paths"]?.objectValue)
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in methods where item[method] != nil {
                operations.insert(normalized(method: method, path: path))
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-routes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datastore = try LMDBDatastore(path: directory)
        defer { datastore.close() }
        // With a registry, as `tessera serve` runs, so `/metrics` is routed too.
        let router = makeRouter(
            api: TesseraAPI(datastore: datastore), configuration: ServerConfiguration(), registry: PrometheusCollectorRegistry(),
            authenticator: nil)
        let routed = Set(router.routes.map { Self.normalized(method: $0.method.rawValue, path: $0.path.description) })
        let documented = try Self.documentedOperations()
        #expect(routed.subtracting(documented).isEmpty, "routes missing from openapi.json: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(routed.count >= 20)
    }

    /// The audit endpoint's `kind` parameter and entries name every kind the log records.
    @Test func theDocumentedAuditKindsAreTheLogsKinds() throws {
        let kinds = try #require(try Self.document()["components"]?["schemas"]?["AuditEventKind"]?["enum"]?.arrayValue)
        #expect(kinds.compactMap(\.stringValue) == AuditEventKind.allCases.map(\.rawValue))
    }
}
