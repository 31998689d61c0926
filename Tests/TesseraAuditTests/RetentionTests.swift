import Foundation
import Testing
import TesseraAudit

/// Retention removes only entries older than the cutoff and leaves a log that verifies.
struct RetentionTests {
    private let start = Date(timeIntervalSince1970: 1_735_689_600)

    @Test func pruningRemovesOnlyOldEntriesAndVerifyStillPasses() async throws {
        try await withAuditLog { log, path in
            for index in 0..<10 { log.record(record(at: Double(index))) }
            let result = try #require(try await log.prune(olderThan: start.addingTimeInterval(4.5)))
            #expect(result.through == 5)
            #expect(result.removed == 5)
            let entries = try allEntries(path)
            #expect(entries.map(\.sequence) == [6, 7, 8, 9, 10, 11])
            #expect(entries.last?.record.kind == .prune)
            let verification = try verify(path)
            #expect(verification.problem == nil)
            #expect(verification.prunedCount == 5)
            #expect(verification.entriesChecked == 6)
        }
    }

    @Test func repeatedPruningKeepsTheChainVerifiable() async throws {
        try await withAuditLog { log, path in
            for index in 0..<6 { log.record(record(at: Double(index))) }
            // The prune entry is dated `now`: keep it on the test's timeline.
            try await log.prune(olderThan: start.addingTimeInterval(2.5), now: start.addingTimeInterval(5.5))
            for index in 6..<9 { log.record(record(at: Double(index))) }
            let second = try #require(try await log.prune(olderThan: start.addingTimeInterval(7.5), now: start.addingTimeInterval(9)))
            // 3 (t0–t2), then 6 more: t3–t5, the first prune entry, t6, t7.
            #expect(second.prunedTotal == 9)
            #expect(try allEntries(path).map(\.record.kind) == [.refusal, .prune])
            #expect(try verify(path).isIntact)
        }
    }

    @Test func nothingOldEnoughPrunesNothing() async throws {
        try await withAuditLog { log, path in
            for index in 0..<3 { log.record(record(at: Double(index))) }
            let result = try await log.prune(olderThan: start)
            #expect(result == nil)
            #expect(try allEntries(path).count == 3)
        }
    }

    @Test func deletingEntriesAndFakingTheAnchorIsNamed() async throws {
        try await withAuditLog { log, path in
            for index in 0..<6 { log.record(record(at: Double(index))) }
            try await log.flush()
            // Hide entries 1–3 as if they had been pruned, without a prune entry.
            try tamper(
                path,
                """
                DROP TRIGGER audit_anchor_forward;
                UPDATE audit_anchor SET through_seq = 3, pruned_count = 3, hash = (SELECT hash FROM audit_entries WHERE seq = 3);
                DELETE FROM audit_entries WHERE seq <= 3;
                """)
            let problem = try #require(try verify(path).problem)
            #expect(problem.kind == .anchor)
        }
    }

    @Test func durationsParse() {
        #expect(AuditDuration.parse("400d") == .seconds(400 * 86_400))
        #expect(AuditDuration.parse("12h") == .seconds(12 * 3600))
        #expect(AuditDuration.parse("1h30m") == .seconds(5400))
        #expect(AuditDuration.parse("250ms") == .milliseconds(250))
        #expect(AuditDuration.parse("12") == nil)
        #expect(AuditDuration.parse("") == nil)
        #expect(AuditDuration.parse("3w") == nil)
    }
}
