import CLMDB

/// A read or write transaction and the operations Tessera performs in it. Values returned
/// as `UnsafeRawBufferPointer` point into the map and are valid until the transaction ends:
/// copy them before.
struct LMDBTransaction {
    let txn: OpaquePointer

    /// The value at `key`, pointing into the map.
    @inline(__always)
    func get(_ dbi: MDB_dbi, _ key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var value = MDB_val()
        let rc = mdb_get(txn, dbi, &keyValue, &value)
        if rc == MDB_NOTFOUND { return nil }
        try LMDBStatus.check(rc, "read")
        return UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)
    }

    /// Calls `body` with the value at `key` (in the map), or `nil`.
    func withValue<T>(_ dbi: MDB_dbi, _ key: [UInt8], _ body: (UnsafeRawBufferPointer?) throws -> T) throws -> T {
        try key.withUnsafeBytes { keyBytes in try body(try get(dbi, keyBytes)) }
    }

    /// A copy of the value at `key`.
    func get(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> [UInt8]? {
        try withValue(dbi, key) { value in value.map { Array($0) } }
    }

    func contains(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> Bool {
        try withValue(dbi, key) { $0 != nil }
    }

    func put(_ dbi: MDB_dbi, _ key: [UInt8], _ value: [UInt8], flags: Int32 = 0) throws {
        let rc = key.withUnsafeBytes { keyBytes in
            value.withUnsafeBytes { valueBytes in
                var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var dataValue = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                return mdb_put(txn, dbi, &keyValue, &dataValue, UInt32(flags))
            }
        }
        try LMDBStatus.check(rc, "write")
    }

    /// Deletes `key`; `false` when it was not there.
    @discardableResult
    func delete(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> Bool {
        let rc = key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_del(txn, dbi, &keyValue, nil)
        }
        if rc == MDB_NOTFOUND { return false }
        try LMDBStatus.check(rc, "delete")
        return true
    }

    func openCursor(_ dbi: MDB_dbi) throws -> OpaquePointer {
        var cursor: OpaquePointer?
        try LMDBStatus.check(mdb_cursor_open(txn, dbi, &cursor), "open cursor")
        guard let cursor else { throw StoreError(.internalError, "open cursor: no cursor") }
        return cursor
    }

    /// Visits the entries whose keys start with `prefix`, in key order, from the first key
    /// at or after `start` (default: the prefix), skipping a key equal to `start` when
    /// `exclusive`, until `body` returns `false`.
    func scan(
        _ dbi: MDB_dbi,
        prefix: [UInt8],
        from start: [UInt8]? = nil,
        exclusive: Bool = false,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try openCursor(dbi)
        defer { mdb_cursor_close(cursor) }
        try LMDBCursor.scan(cursor, prefix: prefix, from: start ?? prefix, exclusive: exclusive, body)
    }

    /// Visits the entries whose keys start with `prefix` from the last one backwards; with
    /// `before`, only keys smaller than it.
    func scanBackward(
        _ dbi: MDB_dbi,
        prefix: [UInt8],
        before: [UInt8]? = nil,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try openCursor(dbi)
        defer { mdb_cursor_close(cursor) }
        try LMDBCursor.scanBackward(cursor, prefix: prefix, before: before ?? KeyLayout.successor(of: prefix), body)
    }

    /// Deletes every entry whose key starts with `prefix`; returns how many.
    @discardableResult
    func deleteRange(_ dbi: MDB_dbi, prefix: [UInt8]) throws -> Int {
        let cursor = try openCursor(dbi)
        defer { mdb_cursor_close(cursor) }
        var deleted = 0
        try prefix.withUnsafeBytes { prefixBytes in
            var key = MDB_val(mv_size: prefixBytes.count, mv_data: UnsafeMutableRawPointer(mutating: prefixBytes.baseAddress))
            var value = MDB_val()
            var rc = mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
            while rc == MDB_SUCCESS {
                let found = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
                guard found.starts(with: prefixBytes) else { return }
                try LMDBStatus.check(mdb_cursor_del(cursor, 0), "delete range")
                deleted += 1
                // After a delete the cursor already rests on the following entry; MDB_NEXT
                // returns that entry without advancing (LMDB's C_DEL state).
                rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
            }
            if rc != MDB_NOTFOUND { try LMDBStatus.check(rc, "delete range") }
        }
        return deleted
    }
}

/// Cursor walks shared by transactions and snapshots (which reuse pooled cursors).
enum LMDBCursor {
    static func scan(
        _ cursor: OpaquePointer,
        prefix: [UInt8],
        from start: [UInt8],
        exclusive: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try prefix.withUnsafeBytes { prefixBytes in
            try start.withUnsafeBytes { startBytes in
                try scan(cursor, prefix: prefixBytes, from: startBytes, exclusive: exclusive, body)
            }
        }
    }

    /// The allocation-free form: keys in caller-owned buffers.
    @inline(__always)
    static func scan(
        _ cursor: OpaquePointer,
        prefix: UnsafeRawBufferPointer,
        from start: UnsafeRawBufferPointer,
        exclusive: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var key = MDB_val(mv_size: start.count, mv_data: UnsafeMutableRawPointer(mutating: start.baseAddress))
        var value = MDB_val()
        // LMDB refuses zero-length keys: an empty start means the first entry.
        var rc = mdb_cursor_get(cursor, &key, &value, start.isEmpty ? MDB_FIRST : MDB_SET_RANGE)
        var first = true
        while rc == MDB_SUCCESS {
            let foundKey = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
            guard foundKey.starts(with: prefix) else { return }
            if !(first && exclusive && foundKey.elementsEqual(start)) {
                let foundValue = UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)
                guard try body(foundKey, foundValue) else { return }
            }
            first = false
            rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
        }
        if rc != MDB_NOTFOUND { try LMDBStatus.check(rc, "scan") }
    }

    static func scanBackward(
        _ cursor: OpaquePointer,
        prefix: [UInt8],
        before: [UInt8]?,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var key = MDB_val()
        var value = MDB_val()
        var rc: Int32
        if let before {
            rc = before.withUnsafeBytes { beforeBytes in
                key = MDB_val(mv_size: beforeBytes.count, mv_data: UnsafeMutableRawPointer(mutating: beforeBytes.baseAddress))
                return mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
            }
            // Landed on the first key >= `before`: step back once; past the end, start at the last key.
            rc = rc == MDB_SUCCESS ? mdb_cursor_get(cursor, &key, &value, MDB_PREV) : mdb_cursor_get(cursor, &key, &value, MDB_LAST)
        } else {
            rc = mdb_cursor_get(cursor, &key, &value, MDB_LAST)
        }
        try prefix.withUnsafeBytes { prefixBytes in
            while rc == MDB_SUCCESS {
                let foundKey = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
                guard foundKey.starts(with: prefixBytes) else { return }
                guard try body(foundKey, UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)) else { return }
                rc = mdb_cursor_get(cursor, &key, &value, MDB_PREV)
            }
            if rc != MDB_NOTFOUND { try LMDBStatus.check(rc, "scan") }
        }
    }
}
