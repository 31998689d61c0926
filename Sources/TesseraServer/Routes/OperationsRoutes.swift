import Foundation
import Hummingbird
import Prometheus
import TesseraConditions

/// `/healthz`, `/metrics` and `/openapi.json`: endpoints for operators and their tools.
struct OperationsRoutes<Context: TesseraRequestContextProtocol> {
    let registry: PrometheusCollectorRegistry?
    /// Brings gauges up to date before `/metrics` is written (store sizes).
    let refreshMetrics: @Sendable () throws -> Void

    func register(on router: Router<Context>) {
        router.get("healthz") { _, _ in
            APIResponse(body: .object(["status": .string("SERVING")])).response()
        }
        router.get("openapi.json") { _, _ in
            guard let document = OpenAPIDocument.bytes else { throw APIError.internalError }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
        if let registry {
            router.get("metrics") { _, _ in
                try refreshMetrics()
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: registry.emitToString())))
            }
        }
    }
}

/// The OpenAPI document of the served API, shipped as a resource of this module
/// (`Resources/openapi.json`, kept in the repository and checked against the server in CI).
enum OpenAPIDocument {
    /// The document's bytes; `nil` if the resource is missing from the installation.
    static let bytes: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
        .flatMap { try? Data(contentsOf: $0) }
}
