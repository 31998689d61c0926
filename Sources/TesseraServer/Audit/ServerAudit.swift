import Foundation
public import Logging
public import ServiceLifecycle
public import TesseraAudit
public import TesseraAuth
public import TesseraStore

/// The audit side of a running server (`--audit on`): the log in the data directory, the
/// projector that copies committed mutations into it, and the refusal handler the
/// authenticator calls. The server only hands refusals to `record(_:)` and runs `service`.
public struct ServerAudit: Sendable {
    public let log: AuditLog
    /// Projects the store's journal and applies retention until graceful shutdown, then
    /// catches up one last time (the HTTP server has stopped by then).
    public let service: any Service

    /// Opens `DATA_DIR/audit.sqlite`; nil when auditing is off.
    public static func open<Store: Datastore>(
        configuration: ServerConfiguration, datastore: Store, logger: Logger
    ) throws -> ServerAudit? {
        guard configuration.audit.enabled else { return nil }
        let log = try AuditLog(
            path: AuditLog.path(dataDirectory: configuration.dataDirectory), bufferCapacity: configuration.audit.bufferCapacity,
            logger: logger)
        let projector = AuditProjector(
            datastore: datastore, log: log, configuration: configuration.audit, startRevision: try datastore.currentToken().revision)
        return ServerAudit(log: log, service: AuditProjectionService(projector: projector))
    }

    /// The authenticator's refusal handler: records each refused caller (401, 403, 429)
    /// without waiting.
    public var refusalHandler: @Sendable (AuthRefusal) -> Void {
        { [log] refusal in log.record(AuditRecord(refusal: refusal)) }
    }
}

/// Runs an `AuditProjector` for the lifetime of the server.
struct AuditProjectionService<Store: Datastore>: Service {
    let projector: AuditProjector<Store>

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await projector.run()
        }
    }
}
