import Foundation
import Synchronization
import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct ConcurrencyTests {
    /// Writers commit batches of 10 tuples on one object each; readers never see a batch in
    /// part, and each reader sees revisions (and the set of batches) only grow.
    @Test func readersNeverSeePartOfAWriteAndSeeRevisionsInOrder() async throws {
        try await withStore { datastore, storeID in
            let batchSize = 10
            let writers = 4
            let batchesPerWriter = 25
            let violations = Mutex<[String]>([])
            let done = Atomic<Bool>(false)

            let readers = Thread.detachedReaders(count: 3) {
                var lastRevision: UInt64 = 0
                var lastBatches = 0
                var snapshots = 0
                while !done.load(ordering: .acquiring) || snapshots < 10 {
                    snapshots += 1
                    do {
                        let (revision, sizes) = try datastore.withSnapshot(storeID: storeID) { snapshot in
                            var sizes: [String: Int] = [:]
                            try snapshot.forEachTuple(user: "user:0", relation: "member", objectType: "batch") { first in
                                var count = 0
                                try snapshot.forEachTuple(object: first.object, relation: "member") { _ in count += 1; return true }
                                sizes[first.object] = count
                                return true
                            }
                            return (try snapshot.token().revision, sizes)
                        }
                        if revision < lastRevision { violations.withLock { $0.append("revision went back \(lastRevision) → \(revision)") } }
                        if sizes.count < lastBatches { violations.withLock { $0.append("batches went back") } }
                        for (object, size) in sizes where size != batchSize {
                            violations.withLock { $0.append("\(object) seen with \(size) of \(batchSize) tuples") }
                        }
                        lastRevision = revision
                        lastBatches = sizes.count
                    } catch {
                        violations.withLock { $0.append("read failed: \(error)") }
                        return
                    }
                }
            }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for batch in 0..<batchesPerWriter {
                            let object = "batch:\(writer)-\(batch)"
                            try await datastore.write(storeID, (0..<batchSize).map { tuple(object, "member", "user:\($0)") })
                        }
                    }
                }
                try await group.waitForAll()
            }
            done.store(true, ordering: .releasing)
            readers.wait()
            #expect(violations.withLock { $0 }.isEmpty, "\(violations.withLock { $0.prefix(5) })")
            #expect(try datastore.readAll(storeID, pageSize: 100).count == writers * batchesPerWriter * batchSize)
        }
    }

    @Test func concurrentWritesShareCommits() async throws {
        try await withStore({ $0.sync = .full }) { datastore, storeID in
            let before = datastore.commitCount
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask { try await datastore.write(storeID, [tuple("doc:\(index)", "viewer", "user:anne")]) }
                }
                try await group.waitForAll()
            }
            #expect(try datastore.readAll(storeID, pageSize: 100).count == 64)
            #expect(datastore.commitCount - before < 64)
        }
    }

    @Test func withoutGroupCommitEachWriteIsItsOwnCommit() async throws {
        try await withStore({ $0.groupCommit = false }) { datastore, storeID in
            let before = datastore.commitCount
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask { try await datastore.write(storeID, [tuple("doc:\(index)", "viewer", "user:anne")]) }
                }
                try await group.waitForAll()
            }
            #expect(datastore.commitCount - before == 16)
        }
    }

    @Test func aBadRequestInAGroupFailsAloneAndRollsBackWhole() async throws {
        try await withStore({ $0.sync = .full }) { datastore, storeID in
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        // Every fourth request also deletes a missing tuple: it must fail entirely.
                        let deletes = index % 4 == 0 ? [tuple("doc:missing", "viewer", "user:\(index)")] : []
                        do {
                            try await datastore.write(storeID, [tuple("doc:\(index)", "viewer", "user:a"), tuple("doc:\(index)", "viewer", "user:b")], deletes: deletes)
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                var outcomes: [Int: Bool] = [:]
                for try await (index, ok) in group { outcomes[index] = ok }
                return outcomes
            }
            for (index, ok) in outcomes { #expect(ok == (index % 4 != 0)) }
            let stored = Set(try datastore.readAll(storeID, pageSize: 100).map(\.object))
            #expect(stored == Set((0..<40).filter { $0 % 4 != 0 }.map { "doc:\($0)" }))
        }
    }

    @Test func openReadTransactionsAreBounded() async throws {
        try await withStore({ $0.maxReadTransactions = 4 }) { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let inside = Atomic<Int>(0)
            let most = Atomic<Int>(0)
            let failures = Atomic<Int>(0)
            // 40 threads, each holding its snapshot a moment, against a bound of 4.
            Thread.detachedReaders(count: 40) {
                for _ in 0..<5 {
                    do {
                        try datastore.withSnapshot(storeID: storeID) { snapshot in
                            let now = inside.add(1, ordering: .sequentiallyConsistent).newValue
                            _ = most.max(now, ordering: .sequentiallyConsistent)
                            _ = try snapshot.tuple(object: "doc:1", relation: "viewer", user: "user:anne")
                            usleep(500)
                            inside.subtract(1, ordering: .sequentiallyConsistent)
                        }
                    } catch {
                        failures.add(1, ordering: .relaxed)
                    }
                }
            }.wait()
            #expect(failures.load(ordering: .relaxed) == 0)
            #expect(most.load(ordering: .relaxed) <= 4)
        }
    }

    @Test func moreConcurrentReadersThanTheReaderTableAllSucceed() async throws {
        // 300 readers against a 126-slot default bound: none may see MDB_READERS_FULL.
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let failures = Atomic<Int>(0)
            Thread.detachedReaders(count: 300) {
                do {
                    _ = try datastore.withSnapshot(storeID: storeID) { snapshot in
                        usleep(1000)
                        return try snapshot.tuple(object: "doc:1", relation: "viewer", user: "user:anne")
                    }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }.wait()
            #expect(failures.load(ordering: .relaxed) == 0)
        }
    }
}

extension Thread {
    /// Runs `body` on `count` new threads; `wait()` on the result joins them.
    @discardableResult
    static func detachedReaders(count: Int, _ body: @escaping @Sendable () -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                body()
                group.leave()
            }
        }
        return group
    }
}
