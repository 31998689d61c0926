import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TesseraAuth
@testable import TesseraServer
import TesseraStore

/// The per-endpoint tests are only as good as their list: every route the API registers
/// must be in ``APIEndpoint/all`` and be classified by `OperationRoute` as that operation
/// (an unclassified route would be served without authentication).
struct RouteCoverageTests {
    static let sampleID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"

    /// `/stores/{store_id}/check` → `/stores/01ARZ…/check`.
    static func concrete(_ template: String) -> String {
        template.split(separator: "/").map { $0.hasPrefix("{") ? sampleID : String($0) }.reduce("") { $0 + "/" + $1 }
    }

    static func registeredRoutes() throws -> [(method: HTTPRequest.Method, path: String)] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-routes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datastore = try LMDBDatastore(path: directory)
        defer { datastore.close() }
        let router = Router(context: TesseraRequestContext.self)
        APIRoutes<LMDBDatastore, TesseraRequestContext>(api: TesseraAPI(datastore: datastore)).register(on: router)
        return router.routes.map { ($0.method, concrete($0.path.description)) }
    }

    @Test func everyRegisteredRouteIsClassifiedAsItsTestedOperation() throws {
        let tested = Dictionary(APIEndpoint.all.map { ("\($0.method) \(Self.concrete($0.path))", $0.operation) }) { first, _ in first }
        let routes = try Self.registeredRoutes()
        #expect(routes.count >= APIEndpoint.all.count)
        for route in routes {
            let classified = OperationRoute.classify(method: route.method, path: route.path)
            #expect(classified != nil, "\(route.method) \(route.path) is served without authentication")
            #expect(classified?.operation == tested["\(route.method) \(route.path)"], "\(route.method) \(route.path) is not tested as its operation")
        }
    }

    @Test func everyTestedEndpointIsARegisteredRoute() throws {
        let registered = Set(try Self.registeredRoutes().map { "\($0.method) \($0.path)" })
        for endpoint in APIEndpoint.all {
            #expect(registered.contains("\(endpoint.method) \(Self.concrete(endpoint.path))"), "\(endpoint.testDescription)")
        }
    }

    @Test func everyOperationButMetricsIsTested() {
        let tested = Set(APIEndpoint.all.map(\.operation))
        #expect(Set(APIOperation.allCases).subtracting(tested) == [.metrics])
    }
}
