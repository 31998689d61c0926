import Foundation
import Hummingbird
public import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import TesseraAudit
import TesseraAuth
import TesseraEngine
import TesseraStore
import UnixSignals

/// Runs `tessera serve`: sets up logging and metrics, opens the data directory, starts the
/// HTTP server and the background services, and shuts everything down on SIGTERM or SIGINT
/// (stop accepting, finish requests in flight, close the store).
public struct TesseraServerRunner {
    public let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    public func run() async throws {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        }
        let logger = Logger(label: "tessera")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let authWarnings: [String]
        do {
            try configuration.auth.validate()
            authWarnings = try configuration.auth.validateBinding(host: configuration.host)
        } catch {
            throw ConfigurationError("authentication: \(error)")
        }
        for warning in authWarnings { logger.warning("\(warning)") }

        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let datastore = try LMDBDatastore(path: configuration.dataDirectory, options: configuration.datastore)
        defer { datastore.close() }
        let audit = try ServerAudit.open(configuration: configuration, datastore: datastore, logger: logger)
        defer { audit?.log.close() }

        let authenticator: Authenticator?
        var services: [any Service] = audit.map { [$0.service] } ?? []
        switch configuration.auth.method {
        case .none:
            authenticator = nil
        default:
            let created = try Authenticator(configuration: configuration.auth, logger: logger, onRefusal: audit?.refusalHandler)
            _ = await created.prepare()
            services.append(AuthenticatorService(authenticator: created))
            authenticator = created
        }

        let api = TesseraAPI(
            datastore: datastore, engine: Engine(configuration: configuration.engine), limits: configuration.limits, auditLog: audit?.log,
            decisions: configuration.audit.decisions)
        let authMode = Self.describe(configuration.auth.method)
        let dataDirectory = configuration.dataDirectory
        let app = buildApplication(
            api: api, configuration: configuration, registry: registry, authenticator: authenticator, services: services,
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
                // Written unbuffered: scripts wait for this line to know the server is up.
                let line = "tessera listening on http://\(address) (data: \(dataDirectory), auth: \(authMode))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // In-flight requests get 8 s to finish, then are cancelled, so SIGTERM ends the
        // process within 10 s (then the store is closed by the `defer` above).
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(8)
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("tessera stopped; closing the data directory")
    }

    static func describe(_ method: AuthMethod) -> String {
        switch method {
        case .none: "none"
        case .preshared: "preshared"
        case .oidc(let oidc): "oidc (issuer \(oidc.issuer))"
        }
    }
}

/// Runs the authenticator's key refresh loop for the lifetime of the server.
struct AuthenticatorService: Service {
    let authenticator: Authenticator

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await authenticator.run()
        }
        // With nothing to refresh (preshared keys) `run()` returns at once, and a service
        // that returns before shutdown makes the ServiceGroup stop the whole server.
        try? await gracefulShutdown()
        try await authenticator.shutdown()
    }
}
