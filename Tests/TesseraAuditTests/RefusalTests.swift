import Foundation
import Logging
import Testing
import TesseraAudit
import TesseraConditions
@testable import TesseraAuth

/// Every kind of refusal the authenticator makes reaches the audit log once, with the
/// reason, the request id, the operation, the store and what is known of the caller.
struct RefusalTests {
    private let key = "a-long-preshared-key-for-audit-tests"

    /// An authenticator for preshared keys whose refusals go to `log`, as `tessera serve` wires it.
    private func authenticator(_ log: AuditLog, failureLimit: Int = 60) throws -> Authenticator {
        var configuration = AuthConfiguration(method: .preshared(keys: [key]))
        configuration.failureLimitPerMinute = failureLimit
        return try Authenticator(
            configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            onRefusal: { log.record(AuditRecord(refusal: $0)) })
    }

    private func request(_ header: String?, _ requestID: String) -> AuthRequest {
        AuthRequest(
            authorizationHeaders: header.map { [$0] } ?? [], sourceAddress: "192.0.2.7", requestID: requestID, operation: .write,
            storeID: "01JSTORE0000000000000000AA")
    }

    @Test func unauthenticatedRequestsAreRecordedOnceEach() async throws {
        try await withAuditLog { log, path in
            let authenticator = try authenticator(log)
            _ = await authenticator.authenticate(request(nil, "no-token"))
            _ = await authenticator.authenticate(request("Bearer wrong-key", "bad-key"))
            try await log.flush()
            let entries = try allEntries(path)
            #expect(entries.map(\.record.requestID) == ["no-token", "bad-key"])
            #expect(entries.map(\.record.reason) == ["missing_token", "unknown_preshared_key"])
            for entry in entries {
                #expect(entry.record.kind == .refusal)
                #expect(entry.record.outcome == .refused)
                #expect(entry.record.storeID == "01JSTORE0000000000000000AA")
                #expect(entry.record.caller == AuditCaller(sourceAddress: "192.0.2.7"))
                #expect(entry.record.detail["status"] == .number(401))
                #expect(entry.record.detail["operation"] == .string("write"))
            }
        }
    }

    @Test func callersWithoutTheScopeOrTheStoreAreRecordedWithWhoTheyAre() async throws {
        try await withAuditLog { log, path in
            let authenticator = try authenticator(log)
            let reader = Caller(
                method: .oidc, subject: "user-7", clientID: "app-1", issuer: "https://issuer.example", grantedScopes: ["tessera:read"],
                tokenSHA256: String(repeating: "cd", count: 32))
            let confined = Caller(method: .oidc, subject: "user-8", clientID: "app-2", allowedStores: ["01JOTHER000000000000000000"])
            #expect(authenticator.authorize(reader, operation: .write, storeID: "01JSTORE0000000000000000AA", sourceAddress: "192.0.2.8", requestID: "scope") != nil)
            #expect(authenticator.authorize(confined, operation: .check, storeID: "01JSTORE0000000000000000AA", sourceAddress: "192.0.2.8", requestID: "store") != nil)
            try await log.flush()
            let entries = try allEntries(path)
            #expect(entries.map(\.record.requestID) == ["scope", "store"])
            #expect(entries.map(\.record.reason) == ["insufficient_scope", "foreign_store"])
            #expect(entries.allSatisfy { $0.record.detail["status"] == .number(403) })
            #expect(entries[0].record.caller == AuditCaller(
                identity: "oidc client=app-1 sub=user-7", subject: "user-7", clientID: "app-1", issuer: "https://issuer.example",
                tokenSHA256: String(repeating: "cd", count: 32), sourceAddress: "192.0.2.8"))
            #expect(entries[1].record.caller.subject == "user-8")
        }
    }

    @Test func rateLimitedRequestsAreRecorded() async throws {
        try await withAuditLog { log, path in
            let authenticator = try authenticator(log, failureLimit: 1)
            _ = await authenticator.authenticate(request("Bearer wrong-key", "first"))
            _ = await authenticator.authenticate(request("Bearer \(key)", "throttled"))
            try await log.flush()
            let entries = try allEntries(path)
            #expect(entries.map(\.record.reason) == ["unknown_preshared_key", "rate_limited"])
            #expect(entries.last?.record.requestID == "throttled")
            #expect(entries.last?.record.detail["status"] == .number(429))
        }
    }

    @Test func refusalsNeverHoldTheToken() async throws {
        try await withAuditLog { log, path in
            let authenticator = try authenticator(log)
            let token = "Bearer not-the-key-but-secret-looking-0123456789"
            _ = await authenticator.authenticate(request(token, "secret"))
            try await log.flush()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
            #expect(bytes.range(of: Data("not-the-key-but-secret-looking".utf8)) == nil)
            #expect(try allEntries(path).count == 1)
        }
    }
}
