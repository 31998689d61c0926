import Foundation
import Testing
import TesseraAudit
import TesseraStore

/// `verify` names the first entry that was edited, deleted or reordered behind Tessera's
/// back (through the C API, triggers dropped), and the triggers refuse plain edits.
struct TamperTests {
    /// A log of ten refusal entries (seq 1…10) that verifies.
    private func withTenEntries(_ body: (String) throws -> Void) async throws {
        try await withAuditLog { log, path in
            for index in 0..<10 { log.record(record(at: Double(index))) }
            try await log.flush()
            #expect(try verify(path).isIntact)
            try body(path)
        }
    }

    @Test func triggersRefuseUpdateAndDelete() async throws {
        try await withTenEntries { path throws in
            #expect(throws: RawSQLiteError.self) { try rawSQL(path, "UPDATE audit_entries SET request_id = 'x' WHERE seq = 3") }
            #expect(throws: RawSQLiteError.self) { try rawSQL(path, "DELETE FROM audit_entries WHERE seq = 3") }
            #expect(try verify(path).isIntact)
        }
    }

    @Test func anEditedEntryIsNamed() async throws {
        try await withTenEntries { path in
            try tamper(path, "UPDATE audit_entries SET subject = 'mallory' WHERE seq = 4")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 4)
            #expect(problem.kind == .edited)
        }
    }

    @Test func anEditedTimeIsNamed() async throws {
        try await withTenEntries { path in
            try tamper(path, "UPDATE audit_entries SET at = at - 1000000 WHERE seq = 7")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 7)
            #expect(problem.kind == .edited)
        }
    }

    @Test func anEditRehashedByTheEditorIsStillNamed() async throws {
        try await withTenEntries { path in
            // The editor recomputes the edited entry's hash: the next entry still links to the original.
            let entry = try #require(try allEntries(path).first { $0.sequence == 5 })
            var edited = entry.record
            edited.caller.subject = "mallory"
            let forged = try forgedHash(edited, sequence: 5, previousHash: entry.previousHash)
            try tamper(path, "UPDATE audit_entries SET subject = 'mallory', hash = '\(forged)' WHERE seq = 5")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 5)
            #expect(problem.kind == .edited)
        }
    }

    @Test func aDeletedEntryIsNamed() async throws {
        try await withTenEntries { path in
            try tamper(path, "DELETE FROM audit_entries WHERE seq = 6")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 6)
            #expect(problem.kind == .missing)
        }
    }

    @Test func aDeletedLastEntryIsNamed() async throws {
        try await withTenEntries { path in
            try tamper(path, "DELETE FROM audit_entries WHERE seq = 10")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 10)
            #expect(problem.kind == .missing)
        }
    }

    @Test func swappedEntriesAreNamed() async throws {
        try await withTenEntries { path in
            try tamper(
                path,
                """
                UPDATE audit_entries SET seq = -1 WHERE seq = 3;
                UPDATE audit_entries SET seq = 3 WHERE seq = 8;
                UPDATE audit_entries SET seq = 8 WHERE seq = -1;
                """)
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 3)
            #expect(problem.kind == .reordered)
        }
    }

    @Test func anEditedTupleIsNamed() async throws {
        try await withDatastoreAndLog { datastore, log, path in
            let store = try await datastore.createStore(name: "store-a", caller: CallerContext(requestID: "r1"))
            try await write(datastore, store.id, [tupleKey("doc:1", "viewer", "user:anne")], caller: CallerContext(requestID: "r2"))
            try await AuditProjector(datastore: datastore, log: log).catchUp()
            #expect(try verify(path).isIntact)
            try tamper(path, "UPDATE audit_tuples SET user = 'user:mallory' WHERE seq = 2")
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 2)
            #expect(problem.kind == .edited)
        }
    }

    @Test func anInsertedEntryIsNamed() async throws {
        try await withTenEntries { path in
            try tamper(
                path,
                """
                INSERT INTO audit_entries (seq, at, kind, outcome, prev_hash, hash)
                SELECT 11, at, kind, outcome, hash, hash FROM audit_entries WHERE seq = 10;
                """)
            let problem = try #require(try verify(path).problem)
            #expect(problem.sequence == 11)
        }
    }
}
