import Foundation
import Testing
import TesseraAudit

/// Appending builds one linear chain that `verify` accepts.
struct ChainTests {
    @Test func appendedRecordsFormALinkedChain() async throws {
        try await withAuditLog { log, path in
            for index in 0..<5 { log.record(record(at: Double(index))) }
            try await log.flush()
            let entries = try allEntries(path)
            #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(entries[0].previousHash == String(repeating: "0", count: 64))
            for (before, after) in zip(entries, entries.dropFirst()) { #expect(after.previousHash == before.hash) }
            #expect(Set(entries.map(\.hash)).count == 5)
        }
    }

    @Test func untouchedLogVerifies() async throws {
        try await withAuditLog { log, path in
            for index in 0..<20 { log.record(record(at: Double(index))) }
            try await log.flush()
            let result = try verify(path)
            #expect(result.problem == nil)
            #expect(result.entriesChecked == 20)
            #expect(result.lastSequence == 20)
        }
    }

    @Test func emptyLogVerifies() async throws {
        try await withAuditLog { _, path in
            let result = try verify(path)
            #expect(result.isIntact)
            #expect(result.entriesChecked == 0)
        }
    }
}
