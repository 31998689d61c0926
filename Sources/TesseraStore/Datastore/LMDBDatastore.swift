import CLMDB
import Foundation
import Synchronization

/// The embedded datastore: one LMDB environment in a data directory (see `KeyLayout` for
/// what is stored where, `GroupCommitWriter` for how writes commit, `ReadTransactionPool`
/// for how reads are bounded and reused).
///
/// Open one per data directory per process (LMDB's rule). Other processes may open the same
/// directory with `readOnly` while it runs. When durability is relaxed (`metaSync`,
/// `noSync`) the epoch is rotated on every open: an operating-system crash may have undone
/// commits whose tokens were handed out, so tokens from before a restart are refused.
public final class LMDBDatastore: Datastore, @unchecked Sendable {
    public typealias Snapshot = LMDBSnapshot

    let environment: LMDBEnvironment
    let pool: ReadTransactionPool
    let identifiers: IdentifierTable
    let writer: GroupCommitWriter?
    let tokens: ContinuationTokenCodec
    let options: DatastoreOptions
    let ulids = ULIDGenerator()
    /// The epoch this process writes tokens with (a read-only process reads it per check).
    let epoch: [UInt8]
    let storeNumbers = StoreNumberCache()
    private let closed = Mutex(false)

    static let formatKey = Array("format".utf8)
    static let epochKey = Array("epoch".utf8)
    static let tokenKeyKey = Array("token-key".utf8)
    static let formatVersion: UInt8 = 1

    /// True when writes are refused (opened read-only, or the directory is not writable).
    public var isReadOnly: Bool { environment.isReadOnly }

    /// Opens (creating if needed) the datastore in the directory `path`.
    public init(path: String, options: DatastoreOptions = DatastoreOptions()) throws {
        self.options = options
        environment = try LMDBEnvironment(path: path, options: options)
        identifiers = IdentifierTable(databases: environment.databases, capacity: options.identifierCacheCapacity)
        pool = ReadTransactionPool(environment: environment, limit: options.maxReadTransactions)
        do {
            let meta = try environment.isReadOnly ? Self.readMeta(environment) : Self.prepareMeta(environment, sync: options.sync)
            epoch = meta.epoch
            tokens = ContinuationTokenCodec(key: meta.tokenKey)
            if environment.isReadOnly {
                writer = nil
            } else {
                let writer = GroupCommitWriter(
                    environment: environment,
                    identifiers: identifiers,
                    options: options,
                    state: meta.state,
                    epoch: meta.epoch
                )
                writer.start()
                self.writer = writer
            }
        } catch {
            pool.close()
            environment.close()
            throw error
        }
    }

    deinit { close() }

    /// Finishes queued writes, then closes the environment. Reads and writes fail afterwards
    /// with `unavailable`.
    public func close() {
        let wasClosed = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        writer?.stop()
        pool.close()
        environment.close()
    }

    /// Commits made by this process (how well group commit grouped the writes).
    public var commitCount: Int { writer?.commits ?? 0 }

    // MARK: Meta

    private struct Meta {
        var epoch: [UInt8]
        var tokenKey: [UInt8]
        var state: WriterState
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...UInt8.max, using: &generator) }
    }

    /// Creates the meta records of a new datastore, rotates the epoch when durability is
    /// relaxed, and reads the writer's counters.
    private static func prepareMeta(_ environment: LMDBEnvironment, sync: DatastoreSync) throws -> Meta {
        let handle = try environment.beginWrite()
        let txn = LMDBTransaction(txn: handle)
        let meta = environment.databases.meta
        do {
            if let format = try txn.get(meta, formatKey) {
                guard format == [formatVersion] else {
                    throw StoreError(.internalError, "unsupported datastore format \(format)")
                }
            } else {
                try txn.put(meta, formatKey, [formatVersion])
                try txn.put(meta, epochKey, randomBytes(16))
                try txn.put(meta, tokenKeyKey, randomBytes(32))
            }
            if sync != .full { try txn.put(meta, epochKey, randomBytes(16)) }
            let result = try readMeta(txn, meta: meta)
            try LMDBStatus.check(mdb_txn_commit(handle), "initialise datastore")
            return result
        } catch {
            mdb_txn_abort(handle)
            throw error
        }
    }

    private static func readMeta(_ environment: LMDBEnvironment) throws -> Meta {
        var handle: OpaquePointer?
        try LMDBStatus.check(mdb_txn_begin(environment.env, nil, UInt32(MDB_RDONLY), &handle), "begin read")
        guard let handle else { throw StoreError(.internalError, "begin read: no transaction") }
        defer { mdb_txn_abort(handle) }
        return try readMeta(LMDBTransaction(txn: handle), meta: environment.databases.meta)
    }

    private static func readMeta(_ txn: LMDBTransaction, meta: MDB_dbi) throws -> Meta {
        guard let epoch = try txn.get(meta, epochKey), epoch.count == 16,
            let tokenKey = try txn.get(meta, tokenKeyKey), tokenKey.count == 32
        else {
            throw StoreError(.internalError, "not a Tessera datastore (no meta records)")
        }
        return Meta(epoch: epoch, tokenKey: tokenKey, state: try WriterState(reading: txn, meta: meta))
    }

    // MARK: Helpers for the operations

    /// Runs `body` in a pooled read transaction.
    func withReader<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        let reader = try pool.acquire()
        defer { pool.release(reader) }
        return try body(LMDBTransaction(txn: reader.txn))
    }

    /// Runs `body` on the writer in its own nested transaction and waits for the commit.
    func perform<T: Sendable>(_ body: @escaping @Sendable (WriteContext) throws -> T) async throws -> (T, ConsistencyToken) {
        guard let writer, !environment.isReadOnly else {
            throw StoreError(.readOnly, "the datastore is open read-only")
        }
        return try await withCheckedThrowingContinuation { continuation in
            writer.submit(WriteRequest(body: body, continuation: continuation))
        }
    }

    /// The number of store `id`, from the cache or the transaction.
    @inline(__always)
    func storeNumber(_ id: String, in txn: LMDBTransaction) throws -> UInt32 {
        if let cached = storeNumbers.number(of: id) { return cached }
        let number = try Self.storedStoreNumber(id, in: txn, databases: environment.databases)
        storeNumbers.remember(id, number)
        return number
    }

    /// The number of store `id` as `txn` sees it (no cache: used by writes).
    static func storedStoreNumber(_ id: String, in txn: LMDBTransaction, databases: LMDBDatabases) throws -> UInt32 {
        guard ULIDGenerator.isValid(id) else { throw StoreError.storeNotFound(id) }
        return try txn.withValue(databases.storeIDs, Array(id.utf8)) { value in
            guard let value, value.count == 4 else { throw StoreError.storeNotFound(id) }
            return value.bigEndianUInt32(at: 0)
        }
    }

    /// A page size in 1...max, 50 when not given (OpenFGA's rule; also used by the audit
    /// endpoint, so every paginated endpoint answers alike).
    public static func pageSize(_ requested: Int?, max: Int = 100) throws -> Int {
        guard let requested else { return min(50, max) }
        guard requested >= 1, requested <= max else { throw StoreError.pageSize(requested, max: max) }
        return requested
    }
}
