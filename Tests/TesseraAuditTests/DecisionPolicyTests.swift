import Foundation
import TesseraAudit
import TesseraConditions
import TesseraStore
import Testing

/// `--audit-decisions` values and what each policy keeps.
struct DecisionPolicyTests {
    @Test(arguments: [("none", AuditDecisionPolicy.none), ("denied", .denied), ("all", .all), ("sampled:0.01", .sampled(0.01)), ("sampled:0", .sampled(0)), ("sampled:1", .sampled(1))])
    func parsesEveryForm(_ text: String, _ policy: AuditDecisionPolicy) {
        #expect(AuditDecisionPolicy(parsing: text) == policy)
    }

    @Test(arguments: ["", "None", "sampled", "sampled:", "sampled:1.5", "sampled:-0.1", "sampled:x", "sampled:nan", "every"])
    func refusesAnythingElse(_ text: String) {
        #expect(AuditDecisionPolicy(parsing: text) == nil)
    }

    @Test func eachPolicyKeepsWhatItSays() {
        #expect(!AuditDecisionPolicy.none.records(allowed: true) && !AuditDecisionPolicy.none.records(allowed: false))
        #expect(!AuditDecisionPolicy.denied.records(allowed: true) && AuditDecisionPolicy.denied.records(allowed: false))
        #expect(AuditDecisionPolicy.all.records(allowed: true) && AuditDecisionPolicy.all.records(allowed: false))
        #expect((0..<200).allSatisfy { _ in !AuditDecisionPolicy.sampled(0).records(allowed: true) })
        #expect((0..<200).allSatisfy { _ in AuditDecisionPolicy.sampled(0).records(allowed: false) })
        #expect((0..<200).allSatisfy { _ in AuditDecisionPolicy.sampled(1).records(allowed: true) })
    }

    @Test func aDecisionRecordCarriesTheCheckedTupleAndTheCaller() {
        let caller = CallerContext(identity: "oidc client=app-1 sub=user-7", requestID: "req-9", subject: "user-7", sourceAddress: "10.0.0.9")
        let record = AuditRecord(
            decisionOn: "document:1", relation: "viewer", user: "user:bob", allowed: false, storeID: "01JSTORE0000000000000000AA",
            modelID: "01JMODEL0000000000000000AA", caller: caller, correlationID: "c1")
        #expect(record.kind == .decision)
        #expect(record.outcome == .denied)
        #expect(record.requestID == "req-9")
        #expect(record.caller == AuditCaller(identity: "oidc client=app-1 sub=user-7", subject: "user-7", sourceAddress: "10.0.0.9"))
        #expect(record.detail == [
            "object": .string("document:1"), "relation": .string("viewer"), "user": .string("user:bob"), "correlation_id": .string("c1"),
        ])
    }
}

/// The continuation token of the audit endpoint, minted by the datastore like its own
/// tokens: round trip, bound to its store and filters, authenticated.
struct AuditContinuationTokenTests {
    static let storeID = "01JSTORE0000000000000000AA"
    static let query = AuditQuery(storeID: storeID, actor: "alice", kind: .write)

    @Test func decodesWhatItEncoded() async throws {
        try await withDatastore { datastore, _ in
            let token = datastore.auditContinuationToken(after: 1234, storeID: Self.storeID, query: Self.query.continuationBinding)
            let sequence = try datastore.auditSequence(continuing: token, storeID: Self.storeID, query: Self.query.continuationBinding)
            #expect(sequence == 1234)
            var nextPage = Self.query
            nextPage.after = 1234
            nextPage.limit = 7
            let nextSequence = try datastore.auditSequence(continuing: token, storeID: Self.storeID, query: nextPage.continuationBinding)
            #expect(nextSequence == 1234, "position and page size are not part of the binding")
        }
    }

    @Test func refusesATokenOfAnotherQueryOrStore() async throws {
        try await withDatastore { datastore, _ in
            let token = datastore.auditContinuationToken(after: 5, storeID: Self.storeID, query: Self.query.continuationBinding)
            var otherFilter = Self.query
            otherFilter.since = Date(timeIntervalSince1970: 0)
            #expect(throws: StoreError.self) {
                try datastore.auditSequence(continuing: token, storeID: "01JSTORE0000000000000000BB", query: Self.query.continuationBinding)
            }
            #expect(throws: StoreError.self) {
                try datastore.auditSequence(continuing: token, storeID: Self.storeID, query: otherFilter.continuationBinding)
            }
        }
    }

    @Test func refusesMalformedTokens() async throws {
        try await withDatastore { datastore, _ in
            for token in ["", "AAAA", "not base64!", String(repeating: "A", count: 24)] {
                #expect(throws: StoreError.self, "\(token)") {
                    try datastore.auditSequence(continuing: token, storeID: Self.storeID, query: Self.query.continuationBinding)
                }
            }
        }
    }

    /// A client cannot mint a position of its own: the token carries a MAC.
    @Test func refusesAnEditedToken() async throws {
        try await withDatastore { datastore, _ in
            let token = datastore.auditContinuationToken(after: 5, storeID: Self.storeID, query: Self.query.continuationBinding)
            let later = datastore.auditContinuationToken(after: 1_000_000, storeID: Self.storeID, query: Self.query.continuationBinding)
            // The two differ in the position and the MAC; taking the later position with the
            // earlier MAC is a forgery.
            let splice = String(later.prefix(token.count - 22)) + String(token.suffix(22))
            #expect(splice != later && splice != token)
            #expect(throws: StoreError.self) {
                try datastore.auditSequence(continuing: splice, storeID: Self.storeID, query: Self.query.continuationBinding)
            }
        }
    }
}
