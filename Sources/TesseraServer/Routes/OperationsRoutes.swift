import Hummingbird
import Prometheus
import TesseraConditions

/// `/healthz` and `/metrics`: endpoints for operators and their tools.
struct OperationsRoutes<Context: TesseraRequestContextProtocol> {
    let registry: PrometheusCollectorRegistry?

    func register(on router: Router<Context>) {
        router.get("healthz") { _, _ in
            APIResponse(body: .object(["status": .string("SERVING")])).response()
        }
        if let registry {
            router.get("metrics") { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: registry.emitToString())))
            }
        }
    }
}
