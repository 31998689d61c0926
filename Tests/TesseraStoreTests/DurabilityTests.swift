import Foundation
import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct DurabilityTests {
    @Test func committedWritesSurviveAReopen() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try LMDBDatastore(path: path)
        let store = try await first.createStore(name: "durable", caller: CallerContext())
        try await first.write(store.id, [tuple("doc:1", "viewer", "user:anne")])
        let model = try await first.writeModel(storeID: store.id, model: try sampleModel(), caller: CallerContext())
        first.close()
        let second = try LMDBDatastore(path: path)
        defer { second.close() }
        #expect(try second.readAll(store.id, pageSize: 10) == [tuple("doc:1", "viewer", "user:anne")])
        #expect(try second.latestModel(storeID: store.id).id == model)
        // New identifiers after the reopen get fresh ids (the counter was persisted).
        try await second.write(store.id, [tuple("doc:2", "editor", "user:bob")])
        #expect(Set(try second.readAll(store.id, pageSize: 10)) == [tuple("doc:1", "viewer", "user:anne"), tuple("doc:2", "editor", "user:bob")])
    }

    @Test func theMapGrowsOnDemand() async throws {
        try await withStore({ $0.initialMapSize = 1 << 16 }) { datastore, storeID in
            // ~2 MiB of tuples into a 64 KiB map: several doublings.
            for chunk in 0..<40 {
                try await datastore.write(storeID, (0..<100).map { tuple("doc:\(chunk)-\($0)-" + String(repeating: "x", count: 200), "viewer", "user:anne") })
            }
            #expect(try datastore.readAll(storeID, pageSize: 100).count == 4000)
        }
    }

    @Test func writesPastTheMaximumSizeFailAndReadsKeepWorking() async throws {
        try await withStore({ $0.maxSize = 1 << 20; $0.initialMapSize = 1 << 16 }) { datastore, storeID in
            var written = 0
            var failure: StoreError?
            for chunk in 0..<200 {
                do {
                    try await datastore.write(storeID, (0..<100).map { tuple("doc:\(chunk)-\($0)-" + String(repeating: "y", count: 200), "viewer", "user:anne") })
                    written += 100
                } catch let error as StoreError {
                    failure = error
                    break
                }
            }
            #expect(failure?.code == .storageFull)
            #expect(written > 0)
            // Reads see exactly what was acknowledged.
            #expect(try datastore.readAll(storeID, pageSize: 100).count == written)
            let found = try datastore.withSnapshot(storeID: storeID) { try $0.tuple(object: "doc:0-0-" + String(repeating: "y", count: 200), relation: "viewer", user: "user:anne") }
            #expect(found != nil)
            // And later writes keep failing cleanly.
            await #expect(throws: StoreError(.storageFull, "")) {
                try await datastore.write(storeID, (0..<100).map { tuple("doc:more-\($0)-" + String(repeating: "z", count: 200), "viewer", "user:anne") })
            }
        }
    }

    @Test func readOnlyOpenServesReadsAndRefusesWrites() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LMDBDatastore(path: path)
        let store = try await writer.createStore(name: "read only", caller: CallerContext())
        try await writer.write(store.id, [tuple("doc:1", "viewer", "user:anne")])
        writer.close()
        var options = DatastoreOptions()
        options.readOnly = true
        let reader = try LMDBDatastore(path: path, options: options)
        defer { reader.close() }
        #expect(reader.isReadOnly)
        #expect(try reader.readAll(store.id, pageSize: 10) == [tuple("doc:1", "viewer", "user:anne")])
        await #expect(throws: StoreError(.readOnly, "")) { try await reader.write(store.id, [tuple("doc:2", "viewer", "user:anne")]) }
        await #expect(throws: StoreError(.readOnly, "")) { try await reader.createStore(name: "nope", caller: CallerContext()) }
    }

    @Test func readOnlyOpenOfAMissingDirectoryFails() {
        var options = DatastoreOptions()
        options.readOnly = true
        #expect(throws: StoreError.self) { try LMDBDatastore(path: temporaryDirectory("missing"), options: options) }
    }

    @Test func anotherProcessReadsWhileThisOneWrites() async throws {
        let path = temporaryDirectory("shared")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let datastore = try LMDBDatastore(path: path)
        defer { datastore.close() }
        let store = try await datastore.createStore(name: "harness", caller: CallerContext())
        for round in 1...2 {
            try await datastore.write(store.id, (0..<30).map { tuple("doc:\(round)-\($0)", "viewer", "user:anne") })
            let child = try Harness.Child(["count", path])
            let lines = child.finish()
            #expect(lines == ["count \(round * 30)"])
        }
    }

    @Test func importWritesManyTuplesInFewCommits() async throws {
        try await withStore({ $0.importBatchSize = 500 }) { datastore, storeID in
            let tuples = (0..<1200).map { tuple("doc:\($0 % 97)", "viewer", "user:u\($0)") }
            let reports = ProgressLog()
            let before = datastore.commitCount
            let token = try await datastore.importTuples(storeID: storeID, tuples, onDuplicate: .error, caller: CallerContext(identity: "cli"), progress: { reports.add($0) })
            #expect(reports.values == [500, 1000, 1200])
            #expect(datastore.commitCount - before == 3)
            #expect(try datastore.currentToken() == token)
            #expect(Set(try datastore.readAll(storeID, pageSize: 100)) == Set(tuples))
            let changes = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 100, continuationToken: nil)
            #expect(changes.items.count == 100)
            #expect(changes.items.allSatisfy { $0.caller.identity == "cli" })
        }
    }

    @Test func importWithIgnoreSkipsExistingTuples() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            _ = try await datastore.importTuples(
                storeID: storeID, [tuple("doc:1", "viewer", "user:anne"), tuple("doc:2", "viewer", "user:anne")],
                onDuplicate: .ignore, caller: CallerContext(), progress: nil
            )
            #expect(try datastore.readAll(storeID, pageSize: 10).count == 2)
            await #expect(throws: StoreError(.writeFailedDueToInvalidInput, "")) {
                try await datastore.importTuples(storeID: storeID, [tuple("doc:1", "viewer", "user:anne")], onDuplicate: .error, caller: CallerContext(), progress: nil)
            }
        }
    }
}

/// Collects progress reports from another thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reported: [Int] = []
    func add(_ value: Int) { lock.withLock { reported.append(value) } }
    var values: [Int] { lock.withLock { reported } }
}
