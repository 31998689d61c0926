import Foundation
import TesseraAudit
import TesseraStore

/// A fresh temporary directory per test (tests run in parallel in one process).
func temporaryDirectory(_ label: String = "audit") -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-\(label)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// An audit log in a fresh directory; removed afterwards.
@discardableResult
func withAuditLog<T>(_ body: (AuditLog, String) async throws -> T) async throws -> T {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = AuditLog.path(dataDirectory: directory)
    let log = try AuditLog(path: path)
    defer { log.close() }
    return try await body(log, path)
}

/// A datastore and an audit log in one fresh data directory, as the server has them.
@discardableResult
func withDatastoreAndLog<T>(
    _ body: (LMDBDatastore, AuditLog, String) async throws -> T
) async throws -> T {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var options = DatastoreOptions()
    options.sync = .noSync
    let datastore = try LMDBDatastore(path: directory, options: options)
    defer { datastore.close() }
    let path = AuditLog.path(dataDirectory: directory)
    let log = try AuditLog(path: path)
    defer { log.close() }
    return try await body(datastore, log, path)
}

/// A record at `seconds` after 2025-01-01T00:00:00Z.
func record(at seconds: Double, kind: AuditEventKind = .refusal, store: String? = "01JSTORE0000000000000000AA", request: String? = nil) -> AuditRecord {
    AuditRecord(
        time: Date(timeIntervalSince1970: 1_735_689_600 + seconds), kind: kind, storeID: store,
        caller: AuditCaller(identity: "preshared preshared-key-1", clientID: "preshared-key-1", sourceAddress: "127.0.0.1"),
        requestID: request ?? "req-\(Int(seconds))", outcome: kind == .refusal ? .refused : .success, reason: kind == .refusal ? "expired" : nil)
}

/// All entries of the log at `path`.
func allEntries(_ path: String, _ query: AuditQuery = AuditQuery()) throws -> [AuditEntry] {
    try AuditReader(path: path).queryAll(query)
}

func verify(_ path: String) throws -> AuditVerification {
    try AuditReader(path: path).verify()
}
