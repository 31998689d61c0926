import Foundation
@testable import TesseraAudit
import TesseraConditions
import TesseraModel
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
    try await withDatastore { datastore, path in
        let log = try AuditLog(path: path)
        defer { log.close() }
        return try await body(datastore, log, path)
    }
}

/// A datastore in a fresh data directory and the path of its audit log (not opened).
@discardableResult
func withDatastore<T>(_ body: (LMDBDatastore, String) async throws -> T) async throws -> T {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var options = DatastoreOptions()
    options.sync = .noSync
    let datastore = try LMDBDatastore(path: directory, options: options)
    defer { datastore.close() }
    return try await body(datastore, AuditLog.path(dataDirectory: directory))
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

func tupleKey(_ object: String, _ relation: String, _ user: String, condition: RelationshipCondition? = nil) -> TupleKey {
    TupleKey(object: object, relation: relation, user: user, condition: condition)
}

/// Applies one write request to the store.
func write(_ datastore: LMDBDatastore, _ storeID: String, _ writes: [TupleKey], deletes: [TupleKey] = [], caller: CallerContext) async throws {
    try await datastore.write(storeID: storeID, writes: writes, deletes: deletes, options: WriteOptions(), caller: caller)
}

/// A caller as the server describes an OIDC caller, for request `requestID`.
func oidcCaller(_ requestID: String, subject: String = "user-7") -> CallerContext {
    CallerContext(
        identity: "oidc client=app-1 sub=\(subject)", requestID: requestID, subject: subject, clientID: "app-1",
        issuer: "https://issuer.example", tokenSHA256: String(repeating: "ab", count: 32), sourceAddress: "10.0.0.9")
}

func sampleModel() throws -> AuthorizationModel {
    let json = """
        {"schema_version":"1.1","type_definitions":[{"type":"user"},
        {"type":"doc","relations":{"viewer":{"this":{}}},
        "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}
        """
    return try AuthorizationModel(json: Array(json.utf8))
}

/// The hash an editor would store after changing `record` in place.
func forgedHash(_ record: AuditRecord, sequence: Int64, previousHash: String) throws -> String {
    AuditRow(record: record, sequence: sequence, previousHash: previousHash).hash
}
