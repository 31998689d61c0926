import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns LMDB return codes into `StoreError`s that say what a caller can do about them.
enum LMDBStatus {
    /// Throws unless `rc` is `MDB_SUCCESS`.
    @inline(__always)
    static func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws {
        if rc != MDB_SUCCESS { throw error(rc, operation()) }
    }

    /// The error for a failed LMDB call. Errno values come through unchanged (LMDB returns
    /// `ENOSPC`, `EROFS`, `EACCES` from its file writes).
    static func error(_ rc: Int32, _ operation: String) -> StoreError {
        switch rc {
        case MDB_MAP_FULL:
            return StoreError(.storageFull, "the datastore is full (its maximum size is reached)", lmdbCode: rc)
        case ENOSPC, EDQUOT:
            return StoreError(.storageFull, "the datastore is full (no space left on the device)")
        case EROFS, EACCES, EPERM:
            return StoreError(.readOnly, "the datastore is read-only (\(text(rc)))")
        case MDB_READERS_FULL:
            return StoreError(.resourceExhausted, "too many concurrent readers of the datastore")
        default:
            return StoreError(.internalError, "\(operation): \(text(rc))", lmdbCode: rc)
        }
    }

    static func text(_ rc: Int32) -> String {
        guard let message = mdb_strerror(rc) else { return "LMDB error \(rc)" }
        return String(cString: message)
    }
}
