import Foundation
import Testing
import TesseraConditions
import TesseraModel
@testable import TesseraStore

/// The journal the audit log is fed from: structured caller fields, request indices under
/// group commit, and entries written before those existed.
struct JournalTrailerTests {
    @Test func structuredCallerFieldsRoundTrip() async throws {
        try await withStore { datastore, storeID in
            let caller = CallerContext(
                identity: "oidc client=app-1 sub=user-7", requestID: "req-1", subject: "user-7", clientID: "app-1",
                issuer: "https://issuer.example", tokenSHA256: String(repeating: "ab", count: 32), sourceAddress: "10.0.0.9",
                modelID: "01HZZZZZZZZZZZZZZZZZZZZZZZ")
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")], caller: caller)
            let entry = try #require(try datastore.readJournal(after: nil, limit: 10).last)
            #expect(entry.caller == caller)
            #expect(entry.operation == .tupleWritten(tuple("doc:1", "viewer", "user:anne")))
        }
    }

    @Test func requestsSharingACommitHaveTheirOwnIndex() async throws {
        try await withStore { datastore, storeID in
            // Many concurrent writers: group commit puts several requests in one revision.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let tuples = (0..<3).map { tuple("doc:\(index)-\($0)", "viewer", "user:u\(index)") }
                        try await datastore.write(storeID, tuples, caller: CallerContext(identity: "same", requestID: "same"))
                    }
                }
                try await group.waitForAll()
            }
            let entries = try datastore.readJournal(after: nil, limit: 1000).filter {
                if case .tupleWritten = $0.operation { true } else { false }
            }
            let requests = Dictionary(grouping: entries) { [$0.position.revision, UInt64($0.request)] }
            #expect(requests.count == 40)
            // Each request's three tuples share one (revision, request) and one user.
            for group in requests.values {
                #expect(group.count == 3)
                guard case .tupleWritten(let first) = group[0].operation else { continue }
                #expect(group.allSatisfy { if case .tupleWritten(let key) = $0.operation { key.user == first.user } else { false } })
            }
            #expect(Set(entries.map(\.position.revision)).count < 40, "no two requests shared a commit; the test proves nothing")
        }
    }

    @Test func entriesWithoutTrailerDecodeWithDefaults() throws {
        // The layout before the trailer: tag 1 · store · time · identity · request id · tuple · no condition.
        var writer = ByteWriter()
        writer.append(UInt8(1))
        writer.append(string: "01HSTORE")
        writer.append(Int64(1_700_000_000_000_000))
        writer.append(string: "preshared key")
        writer.append(string: "req-9")
        writer.append(string: "doc:1")
        writer.append(string: "viewer")
        writer.append(string: "user:anne")
        writer.append(UInt8(0))
        let entry = try writer.bytes.withUnsafeBytes { bytes in
            try JournalEntry(position: JournalPosition(revision: 3, sequence: 0), decoding: bytes)
        }
        #expect(entry.caller == CallerContext(identity: "preshared key", requestID: "req-9"))
        #expect(entry.request == 0)
        #expect(entry.operation == .tupleWritten(tuple("doc:1", "viewer", "user:anne")))
    }
}
