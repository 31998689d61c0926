import Foundation
import HTTPTypes
import HummingbirdTesting
import TesseraAudit
import TesseraConditions
import TesseraStore
import Testing
@testable import TesseraServer

/// `--audit-decisions`: which check and batch-check decisions reach the audit log, and what
/// an entry says. Over a live loopback socket, as `tessera serve` runs.
struct DecisionAuditTests {
    static let allowed = #"{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:roadmap"}}"#
    static let denied = #"{"tuple_key":{"user":"user:zed","relation":"viewer","object":"document:roadmap"}}"#

    /// A server auditing with `policy`; `body` gets the client, the seeded store and a
    /// function that returns the decision entries written so far.
    static func run(
        _ policy: AuditDecisionPolicy,
        _ body: @Sendable (any TestClientProtocol, _ store: String, _ model: String, _ decisions: @Sendable () async throws -> [AuditEntry]) async throws -> Void
    ) async throws {
        var audit = AuditConfiguration()
        audit.decisions = policy
        var server = TestServer()
        server.audit = audit
        try await server.runAudited(.live) { client, log in
            let log = try #require(log)
            let (store, model) = try await client.seededStore()
            try await body(client, store, model) {
                try await log.flush()
                return try AuditReader(path: log.path).queryAll(AuditQuery(kind: .decision))
            }
        }
    }

    /// One allowed and one denied check.
    static func checkBoth(_ client: any TestClientProtocol, _ store: String) async throws {
        let yes = try await client.send(.post, "/stores/\(store)/check", allowed)
        let no = try await client.send(.post, "/stores/\(store)/check", denied)
        try #require(yes.json["allowed"]?.boolValue == true && no.json["allowed"]?.boolValue == false, "\(yes.text) \(no.text)")
    }

    @Test func noneRecordsNothing() async throws {
        try await Self.run(.none) { client, store, _, decisions in
            try await Self.checkBoth(client, store)
            #expect(try await decisions().isEmpty)
        }
    }

    @Test func withoutAnAuditLogNoPolicyBuildsARecorder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-decisions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let datastore = try LMDBDatastore(path: directory)
        defer { datastore.close() }
        #expect(TesseraAPI(datastore: datastore, auditLog: nil, decisions: .all).decisionRecorder == nil)
        let log = try AuditLog(path: AuditLog.path(dataDirectory: directory))
        defer { log.close() }
        #expect(TesseraAPI(datastore: datastore, auditLog: log, decisions: .none).decisionRecorder == nil)
        #expect(TesseraAPI(datastore: datastore, auditLog: log, decisions: .denied).decisionRecorder != nil)
    }

    @Test func deniedRecordsOnlyDenials() async throws {
        try await Self.run(.denied) { client, store, _, decisions in
            try await Self.checkBoth(client, store)
            let entries = try await decisions()
            #expect(entries.map(\.record.outcome) == [.denied])
            #expect(entries.first?.record.detail["user"] == .string("user:zed"))
        }
    }

    @Test func allRecordsBothWithTheCheckedTupleModelAndRequest() async throws {
        try await Self.run(.all) { client, store, model, decisions in
            let yes = try await client.send(.post, "/stores/\(store)/check", Self.allowed, headers: ["X-Request-Id": "decision-1"])
            #expect(yes.json["allowed"]?.boolValue == true)
            _ = try await client.send(.post, "/stores/\(store)/check", Self.denied, headers: ["X-Request-Id": "decision-2"])
            let entries = try await decisions()
            #expect(entries.map(\.record.outcome) == [.allowed, .denied])
            let first = try #require(entries.first?.record)
            #expect(first.kind == .decision)
            #expect(first.storeID == store)
            #expect(first.modelID == model)
            #expect(first.requestID == "decision-1")
            #expect(first.caller.sourceAddress != nil)
            #expect(first.detail == ["object": .string("document:roadmap"), "relation": .string("viewer"), "user": .string("user:anne")])
            #expect(abs(first.time.timeIntervalSinceNow) < 60)
            #expect(entries.last?.record.requestID == "decision-2")
        }
    }

    @Test func sampledAtZeroRecordsOnlyDenials() async throws {
        try await Self.run(.sampled(0)) { client, store, _, decisions in
            for _ in 0..<5 { try await Self.checkBoth(client, store) }
            #expect(try await decisions().map(\.record.outcome) == Array(repeating: .denied, count: 5))
        }
    }

    @Test func sampledAtOneRecordsEveryDecision() async throws {
        try await Self.run(.sampled(1)) { client, store, _, decisions in
            for _ in 0..<3 { try await Self.checkBoth(client, store) }
            #expect(try await decisions().map(\.record.outcome) == [.allowed, .denied, .allowed, .denied, .allowed, .denied])
        }
    }

    @Test func everyBatchCheckItemIsRecordedWithItsCorrelationID() async throws {
        try await Self.run(.all) { client, store, _, decisions in
            let body = #"""
                {"checks":[{"tuple_key":{"user":"user:anne","relation":"viewer","object":"document:roadmap"},"correlation_id":"a"},
                {"tuple_key":{"user":"user:zed","relation":"viewer","object":"document:roadmap"},"correlation_id":"z"}]}
                """#
            let result = try await client.send(.post, "/stores/\(store)/batch-check", body, headers: ["X-Request-Id": "batch-1"])
            #expect(result.status == .ok)
            let entries = try await decisions()
            let byCorrelation = Dictionary(entries.map { ($0.record.detail["correlation_id"]?.stringValue ?? "", $0.record) }) { first, _ in first }
            #expect(entries.count == 2)
            #expect(byCorrelation["a"]?.outcome == .allowed)
            #expect(byCorrelation["z"]?.outcome == .denied)
            #expect(byCorrelation["z"]?.detail["user"] == .string("user:zed"))
            #expect(entries.allSatisfy { $0.record.requestID == "batch-1" && $0.record.storeID == store })
        }
    }

    @Test func decisionsAreFoundByTheDecisionKindFilterOfTheEndpoint() async throws {
        try await Self.run(.all) { client, store, _, decisions in
            try await Self.checkBoth(client, store)
            _ = try await decisions()  // flushed
            let page = try await client.send(.get, "/stores/\(store)/audit?kind=decision")
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.json["entries"]?.arrayValue?.compactMap { $0["outcome"]?.stringValue } == ["allowed", "denied"])
        }
    }
}
