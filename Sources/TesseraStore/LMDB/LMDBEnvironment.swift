import CLMDB
import Foundation
import Synchronization

/// One LMDB environment (a data directory) and its named databases.
///
/// Opened with `MDB_NOTLS`: Swift tasks hop threads, so reader slots belong to transactions,
/// not threads. Write transactions stay on the writer thread (`GroupCommitWriter`). When the
/// directory cannot be written (read-only mount, no permission) the environment opens
/// read-only instead, so reads keep working and writes report `read_only`.
final class LMDBEnvironment: @unchecked Sendable {
    let env: OpaquePointer
    let databases: LMDBDatabases
    let isReadOnly: Bool
    let path: String
    let gate = MapGate()
    /// The largest map allowed; `nil` for unlimited.
    let maxMapSize: Int?
    /// Only the writer thread changes the map size, between transactions.
    private(set) var mapSize: Int
    private let isClosed = Atomic<Bool>(false)

    init(path: String, options: DatastoreOptions) throws {
        self.path = path
        let pageMultiple = 1 << 16
        maxMapSize = options.maxSize.map { max(pageMultiple, $0 / pageMultiple * pageMultiple) }
        var initial = max(pageMultiple, (options.initialMapSize + pageMultiple - 1) / pageMultiple * pageMultiple)
        if let maxMapSize { initial = min(initial, maxMapSize) }

        var readOnly = options.readOnly
        if !readOnly {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                // An unwritable parent: try to serve an existing datastore read-only.
                readOnly = true
            }
        }
        var syncFlags: Int32 = 0
        switch options.sync {
        case .full: break
        case .metaSync: syncFlags = MDB_NOMETASYNC
        case .noSync: syncFlags = MDB_NOSYNC
        }
        // Read-write first; a read-only directory or file falls back to read-only, and a
        // lock file that cannot be written either (read-only mount) to no locking, which is
        // safe there because no process can write that directory.
        var attempts: [Int32] = readOnly
            ? [MDB_RDONLY, MDB_RDONLY | MDB_NOLOCK]
            : [syncFlags, MDB_RDONLY, MDB_RDONLY | MDB_NOLOCK]
        var lastError: StoreError?
        var opened: (OpaquePointer, Int32)?
        while opened == nil, !attempts.isEmpty {
            let flags = attempts.removeFirst()
            var handle: OpaquePointer?
            try LMDBStatus.check(mdb_env_create(&handle), "create environment")
            guard let handle else { throw StoreError(.internalError, "create environment: no handle") }
            var rc = mdb_env_set_maxdbs(handle, MDB_dbi(LMDBDatabases.names.count + 2))
            if rc == MDB_SUCCESS { rc = mdb_env_set_maxreaders(handle, UInt32(max(options.readerTableSize, options.maxReadTransactions + 1))) }
            if rc == MDB_SUCCESS { rc = mdb_env_set_mapsize(handle, initial) }
            if rc == MDB_SUCCESS { rc = mdb_env_open(handle, path, UInt32(flags | MDB_NOTLS), 0o644) }
            if rc == MDB_SUCCESS {
                opened = (handle, flags)
            } else {
                mdb_env_close(handle)
                lastError = LMDBStatus.error(rc, "open datastore at \(path)")
                guard rc == EACCES || rc == EROFS || rc == EPERM else { break }
            }
        }
        guard let (handle, flags) = opened else {
            throw lastError ?? StoreError(.internalError, "open datastore at \(path)")
        }
        env = handle
        isReadOnly = flags & MDB_RDONLY != 0
        if flags & MDB_NOLOCK == 0 {
            // Free reader slots left by killed processes (they would pin old pages forever).
            var dead: Int32 = 0
            mdb_reader_check(handle, &dead)
        }
        do {
            databases = try Self.openDatabases(handle, readOnly: isReadOnly)
        } catch {
            mdb_env_close(handle)
            throw error
        }
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        mapSize = info.me_mapsize
    }

    private static func openDatabases(_ env: OpaquePointer, readOnly: Bool) throws -> LMDBDatabases {
        var txn: OpaquePointer?
        try LMDBStatus.check(mdb_txn_begin(env, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn), "begin")
        guard let txn else { throw StoreError(.internalError, "begin: no transaction") }
        do {
            let databases = try LMDBDatabases.open(in: txn, create: !readOnly)
            // Committing (also a read transaction) keeps the handles for the environment.
            try LMDBStatus.check(mdb_txn_commit(txn), "open databases")
            return databases
        } catch {
            mdb_txn_abort(txn)
            throw error
        }
    }

    /// Begins the write transaction (writer thread only), or a child of `parent`.
    func beginWrite(parent: OpaquePointer? = nil) throws -> OpaquePointer {
        guard !isClosed.load(ordering: .acquiring) else { throw StoreError(.unavailable, "the datastore is closed") }
        guard !isReadOnly else { throw StoreError(.readOnly, "the datastore is open read-only") }
        var txn: OpaquePointer?
        try LMDBStatus.check(mdb_txn_begin(env, parent, 0, &txn), "begin write")
        guard let txn else { throw StoreError(.internalError, "begin write: no transaction") }
        return txn
    }

    /// Doubles the map, up to `maxMapSize`. Call with no transaction open in this thread;
    /// readers are held back while the map is replaced. `false` when already at the limit.
    func grow() throws -> Bool {
        var target = mapSize * 2
        if let maxMapSize { target = min(target, maxMapSize) }
        guard target > mapSize else { return false }
        let rc = gate.exclusive { mdb_env_set_mapsize(env, target) }
        try LMDBStatus.check(rc, "grow map")
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        mapSize = info.me_mapsize
        return true
    }

    /// Adopts a map grown by another process (`MDB_MAP_RESIZED`). Called by a reader that
    /// holds no transaction.
    func adoptResizedMap() throws {
        let rc = gate.exclusive { mdb_env_set_mapsize(env, 0) }
        try LMDBStatus.check(rc, "adopt map size")
    }

    /// Explains a failed commit. LMDB reports a short write to the data file as `EIO`
    /// ("Input/output error"), which is what a nearly full filesystem produces: when the
    /// filesystem has under 1 MiB free, that is `storage_full`, otherwise a real I/O error.
    func commitFailure(_ error: StoreError) -> StoreError {
        guard error.lmdbCode == EIO else { return error }
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return error }
        let free = UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
        guard free < 1 << 20 else { return error }
        return StoreError(.storageFull, "the datastore is full (no space left on the device)", lmdbCode: EIO)
    }

    /// Flushes committed data to disk (used under `noSync`).
    func flush() throws {
        guard !isClosed.load(ordering: .acquiring) else { return }
        try LMDBStatus.check(mdb_env_sync(env, 1), "flush")
    }

    /// Closes the environment once readers have left. Idempotent.
    func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        gate.close()
        mdb_env_close(env)
    }
}
