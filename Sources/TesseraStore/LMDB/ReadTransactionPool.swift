import CLMDB
import Foundation

/// Read transactions kept for reuse, and the bound on how many are open at once.
///
/// A finished reader is `mdb_txn_reset` and parked; the next one `mdb_txn_renew`s it, which
/// keeps its reader slot and skips allocation (about 4x cheaper than begin/abort). Its
/// cursors are parked too and renewed on reuse. At most `limit` readers are open; a further
/// reader waits for one to finish rather than fail with `MDB_READERS_FULL`, since the
/// reader table is shared with other processes.
final class ReadTransactionPool: @unchecked Sendable {
    /// A read transaction with its parked cursors. Used by one thread at a time.
    final class Reader {
        let txn: OpaquePointer
        private var parked: [(dbi: MDB_dbi, cursor: OpaquePointer)] = []

        init(txn: OpaquePointer) { self.txn = txn }

        /// A cursor on `dbi` for this transaction; give it back with `park`.
        @inline(__always)
        func cursor(_ dbi: MDB_dbi) throws -> OpaquePointer {
            if let index = parked.lastIndex(where: { $0.dbi == dbi }) {
                let cursor = parked.remove(at: index).cursor
                try LMDBStatus.check(mdb_cursor_renew(txn, cursor), "renew cursor")
                return cursor
            }
            return try LMDBTransaction(txn: txn).openCursor(dbi)
        }

        @inline(__always)
        func park(_ cursor: OpaquePointer, _ dbi: MDB_dbi) {
            parked.append((dbi, cursor))
        }

        func close() {
            for entry in parked { mdb_cursor_close(entry.cursor) }
            parked.removeAll()
            mdb_txn_abort(txn)
        }
    }

    private let environment: LMDBEnvironment
    private let condition = NSCondition()
    private var idle: [Reader] = []
    private var open = 0
    private var isClosed = false
    let limit: Int

    init(environment: LMDBEnvironment, limit: Int) {
        self.environment = environment
        self.limit = max(1, limit)
    }

    /// A live read transaction on the latest committed state. Pair with `release`.
    func acquire() throws -> Reader {
        var reused: Reader?
        condition.lock()
        while true {
            if isClosed {
                condition.unlock()
                throw StoreError(.unavailable, "the datastore is closed")
            }
            if let reader = idle.popLast() {
                reused = reader
                break
            }
            if open < limit {
                open += 1
                break
            }
            condition.wait()
        }
        condition.unlock()

        while true {
            guard environment.gate.enterShared() else {
                // The environment is closing: its handles must not be touched any more.
                giveBack(reused, discard: true, freeTransaction: false)
                throw StoreError(.unavailable, "the datastore is closed")
            }
            let rc: Int32
            var reader = reused
            if let reused {
                rc = mdb_txn_renew(reused.txn)
            } else {
                var txn: OpaquePointer?
                rc = mdb_txn_begin(environment.env, nil, UInt32(MDB_RDONLY), &txn)
                if rc == MDB_SUCCESS, let txn { reader = Reader(txn: txn) }
            }
            if rc == MDB_SUCCESS, let reader { return reader }
            if rc == MDB_MAP_RESIZED {
                // Another process grew the map: adopt its size and try again.
                environment.gate.leaveShared()
                do {
                    try environment.adoptResizedMap()
                } catch {
                    giveBack(reused, discard: true, freeTransaction: false)
                    throw error
                }
                continue
            }
            giveBack(reused, discard: true, freeTransaction: true)
            environment.gate.leaveShared()
            throw LMDBStatus.error(rc, "begin read")
        }
    }

    /// Ends the reader's transaction (reset, not freed) and parks it.
    func release(_ reader: Reader) {
        mdb_txn_reset(reader.txn)
        // Parked (or freed) while still inside the gate, so the environment is open.
        giveBack(reader, discard: false, freeTransaction: true)
        environment.gate.leaveShared()
    }

    private func giveBack(_ reader: Reader?, discard: Bool, freeTransaction: Bool) {
        condition.lock()
        if let reader, !discard, !isClosed {
            idle.append(reader)
        } else {
            if freeTransaction { reader?.close() }
            open -= 1
        }
        condition.signal()
        condition.unlock()
    }

    /// Frees the parked readers and refuses new ones. Readers in use are freed on release.
    func close() {
        condition.lock()
        isClosed = true
        for reader in idle { reader.close() }
        open -= idle.count
        idle.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
