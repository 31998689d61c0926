import CLMDB
import Foundation

/// A write request waiting for the writer: applied in a nested transaction, then told the
/// outcome of the commit it was part of.
class PendingWrite: @unchecked Sendable {
    func apply(_ context: WriteContext) throws {}
    func finish(_ result: Result<ConsistencyToken, StoreError>) {}
}

/// A pending write that returns a value of type `T` to an awaiting task.
final class WriteRequest<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let body: @Sendable (WriteContext) throws -> T
    private var value: T?
    private let continuation: CheckedContinuation<(T, ConsistencyToken), any Error>

    init(body: @escaping @Sendable (WriteContext) throws -> T, continuation: CheckedContinuation<(T, ConsistencyToken), any Error>) {
        self.body = body
        self.continuation = continuation
    }

    override func apply(_ context: WriteContext) throws {
        value = try body(context)
    }

    override func finish(_ result: Result<ConsistencyToken, StoreError>) {
        switch result {
        case .success(let token):
            if let value {
                continuation.resume(returning: (value, token))
            } else {
                continuation.resume(throwing: StoreError(.internalError, "write finished without a result"))
            }
        case .failure(let error):
            continuation.resume(throwing: error)
        }
    }
}

/// The single writer: one thread that drains the queue of write requests, applies each in
/// its own nested transaction (so one bad request fails alone), and commits them together —
/// one fsync for the whole group (group commit). Write transactions never leave this
/// thread, as LMDB requires, and never span an `await`.
///
/// When the map is full the writer grows it (up to the maximum size) and replays the group;
/// at the maximum, the request that did not fit fails with `storage_full` and the others
/// are replayed without it.
final class GroupCommitWriter: @unchecked Sendable {
    private let environment: LMDBEnvironment
    private let identifiers: IdentifierTable
    private let options: DatastoreOptions
    private let epoch: [UInt8]
    private let condition = NSCondition()
    private var queue: [PendingWrite] = []
    private var stopping = false
    private let stopped = DispatchSemaphore(value: 0)
    /// The committed state; read by other threads only through `committedRevision`.
    private var state: WriterState
    private var unflushed = false
    private var lastFlush = Date()
    /// Commits made (for tests and metrics: how well writes are grouped).
    private(set) var commitCount = 0

    init(environment: LMDBEnvironment, identifiers: IdentifierTable, options: DatastoreOptions, state: WriterState, epoch: [UInt8]) {
        self.environment = environment
        self.identifiers = identifiers
        self.options = options
        self.state = state
        self.epoch = epoch
    }

    private var thread: Thread?

    func start() {
        let thread = Thread { [self] in
            run()
            stopped.signal()
        }
        thread.name = "tessera-store-writer"
        self.thread = thread
        thread.start()
    }

    func submit(_ request: PendingWrite) {
        condition.lock()
        if stopping {
            condition.unlock()
            request.finish(.failure(StoreError(.unavailable, "the datastore is closed")))
            return
        }
        queue.append(request)
        condition.signal()
        condition.unlock()
    }

    /// Finishes the queued requests, then stops the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        // Waiting on the writer thread itself would never end; it stops after this batch.
        if Thread.current != thread { stopped.wait() }
    }

    var commits: Int {
        condition.lock()
        defer { condition.unlock() }
        return commitCount
    }

    private func run() {
        let limit = options.groupCommit ? max(1, options.maxRequestsPerCommit) : 1
        while true {
            condition.lock()
            while queue.isEmpty, !stopping {
                if unflushed {
                    let deadline = lastFlush.addingTimeInterval(options.noSyncFlushInterval)
                    if !condition.wait(until: deadline) {
                        condition.unlock()
                        flush()
                        condition.lock()
                    }
                } else {
                    condition.wait()
                }
            }
            if queue.isEmpty {
                condition.unlock()
                flush()
                return
            }
            let batch = Array(queue.prefix(limit))
            queue.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
        }
    }

    private func flush() {
        guard unflushed else { return }
        // A failed flush leaves `unflushed` set; the next quiet period retries.
        if (try? environment.flush()) != nil {
            unflushed = false
            lastFlush = Date()
        }
    }

    private enum Attempt {
        case committed(ConsistencyToken, failures: [Int: StoreError], context: WriteContext)
        case nothingCommitted(failures: [Int: StoreError])
        /// The map filled up; `request` is the request that did not fit (nil: the commit itself).
        case mapFull(request: Int?)
        case failed(StoreError)
    }

    /// Applies and commits one group, growing the map and replaying as needed.
    private func commit(_ batch: [PendingWrite]) {
        var excluded: [Int: StoreError] = [:]
        while true {
            switch attempt(batch, excluded: excluded) {
            case .committed(let token, let failures, let context):
                state = context.state
                condition.lock()
                commitCount += 1
                condition.unlock()
                if options.sync == .noSync {
                    unflushed = true
                    // Under steady load the queue never runs dry: flush on time anyway, so
                    // at most about `noSyncFlushInterval` of commits is ever unflushed.
                    if Date().timeIntervalSince(lastFlush) >= options.noSyncFlushInterval { flush() }
                }
                identifiers.publish(context.newIdentifiers)
                for action in context.afterCommit { action() }
                for (index, request) in batch.enumerated() {
                    if let error = failures[index] ?? excluded[index] {
                        request.finish(.failure(error))
                    } else {
                        request.finish(.success(token))
                    }
                }
                return
            case .nothingCommitted(let failures):
                for (index, request) in batch.enumerated() {
                    request.finish(.failure(failures[index] ?? excluded[index] ?? StoreError(.internalError, "write not applied")))
                }
                return
            case .mapFull(let request):
                do {
                    if try environment.grow() { continue }
                } catch {
                    fail(batch, error)
                    return
                }
                let full = StoreError(.storageFull, "the datastore is full (its maximum size is reached)")
                // At the limit: drop the request that did not fit (or, when the commit
                // itself did not fit, the last one still in) and replay the rest.
                let victim = request ?? batch.indices.last(where: { excluded[$0] == nil })
                guard let victim else {
                    fail(batch, full)
                    return
                }
                excluded[victim] = full
                if excluded.count == batch.count {
                    fail(batch, full)
                    return
                }
            case .failed(let error):
                fail(batch, error)
                return
            }
        }
    }

    private func fail(_ batch: [PendingWrite], _ error: any Error) {
        for request in batch { request.finish(.failure(StoreError.wrapping(error))) }
    }

    private func attempt(_ batch: [PendingWrite], excluded: [Int: StoreError]) -> Attempt {
        let parent: OpaquePointer
        do {
            parent = try environment.beginWrite()
        } catch {
            return .failed(StoreError.wrapping(error))
        }
        var next = state
        next.revision += 1
        next.lastTimestampMicros = max(Timestamp.nowMicros(), state.lastTimestampMicros)
        let context = WriteContext(
            txn: LMDBTransaction(txn: parent),
            databases: environment.databases,
            identifiers: identifiers,
            state: next,
            options: options
        )
        var failures: [Int: StoreError] = [:]
        var applied = 0
        for (index, request) in batch.enumerated() where excluded[index] == nil {
            let savepoint = context.savepoint()
            context.beginRequest()
            let child: OpaquePointer
            do {
                child = try environment.beginWrite(parent: parent)
            } catch {
                mdb_txn_abort(parent)
                return .failed(StoreError.wrapping(error))
            }
            context.use(LMDBTransaction(txn: child))
            // mdb_txn_commit frees the transaction even when it fails: abort only a live one.
            var childLive = true
            do {
                try request.apply(context)
                childLive = false
                try LMDBStatus.check(mdb_txn_commit(child), "commit request")
                applied += 1
            } catch let error as StoreError where error.lmdbCode == MDB_MAP_FULL {
                if childLive { mdb_txn_abort(child) }
                mdb_txn_abort(parent)
                return .mapFull(request: index)
            } catch {
                if childLive { mdb_txn_abort(child) }
                context.restore(savepoint)
                failures[index] = StoreError.wrapping(error)
            }
            context.use(LMDBTransaction(txn: parent))
        }
        guard applied > 0 else {
            mdb_txn_abort(parent)
            return .nothingCommitted(failures: failures)
        }
        var parentLive = true
        do {
            let txn = LMDBTransaction(txn: parent)
            try context.state.write(to: txn, meta: environment.databases.meta)
            try txn.put(
                environment.databases.revisionTimes,
                KeyLayout.revisionTime(micros: context.timestampMicros, revision: context.revision),
                []
            )
            parentLive = false
            try LMDBStatus.check(mdb_txn_commit(parent), "commit")
        } catch let error as StoreError where error.lmdbCode == MDB_MAP_FULL {
            if parentLive { mdb_txn_abort(parent) }
            return .mapFull(request: nil)
        } catch {
            if parentLive { mdb_txn_abort(parent) }
            return .failed(environment.commitFailure(StoreError.wrapping(error)))
        }
        return .committed(ConsistencyToken(epoch: epoch, revision: context.revision), failures: failures, context: context)
    }
}
