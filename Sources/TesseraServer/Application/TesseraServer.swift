public import Hummingbird
public import Logging
public import Prometheus
public import NIOCore
public import ServiceLifecycle
public import TesseraAuth
public import TesseraStore

/// Builds Tessera's HTTP application: OpenFGA's v1 API on `api`, plus `/healthz`,
/// `/metrics` and `/openapi.json`.
///
/// - Parameters:
///   - registry: where `/metrics` reads from; `nil` serves no `/metrics` (tests).
public func buildApplication<Store: Datastore>(
    api: TesseraAPI<Store>,
    configuration: ServerConfiguration,
    registry: PrometheusCollectorRegistry? = nil,
    authenticator: Authenticator? = nil,
    services: [any Service] = [],
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
    logger: Logger
) -> some ApplicationProtocol {
    let headerBytes = api.limits.maxHeaderBytes
    return Application(
        router: makeRouter(api: api, configuration: configuration, registry: registry, authenticator: authenticator),
        server: .http1(configuration: .init(httpDecoderConfiguration: .init(maxHeaderFieldSize: headerBytes, maxHeaderListSize: headerBytes))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tessera"),
        services: services,
        onServerRunning: onServerRunning,
        logger: logger)
}

/// The router of `buildApplication`: middleware, then the operations and API routes (also
/// read by the test that compares the routes with the OpenAPI document).
func makeRouter<Store: Datastore>(
    api: TesseraAPI<Store>, configuration: ServerConfiguration, registry: PrometheusCollectorRegistry?, authenticator: Authenticator?
) -> Router<TesseraRequestContext> {
    let router = Router(context: TesseraRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware())
    if registry != nil {
        router.add(middleware: MetricsMiddleware())
    }
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: RequestTargetLimitMiddleware(maxBytes: api.limits.maxURLBytes))
    if let authenticator {
        router.add(middleware: AuthMiddleware(authenticator: authenticator, protectMetrics: configuration.protectMetrics))
    }
    let dataDirectory = configuration.dataDirectory
    OperationsRoutes<TesseraRequestContext>(registry: registry, refreshMetrics: { try api.refreshStoreGauges(dataDirectory: dataDirectory) })
        .register(on: router)
    APIRoutes<Store, TesseraRequestContext>(api: api).register(on: router)
    return router
}
