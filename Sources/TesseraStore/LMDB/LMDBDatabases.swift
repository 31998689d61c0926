import CLMDB

/// The handles of the named databases (see `KeyLayout`). Fixed after the environment opens.
struct LMDBDatabases: Sendable {
    var meta: MDB_dbi = 0
    var strings: MDB_dbi = 0
    var ids: MDB_dbi = 0
    var stores: MDB_dbi = 0
    var storeIDs: MDB_dbi = 0
    var models: MDB_dbi = 0
    var assertions: MDB_dbi = 0
    var tuples: MDB_dbi = 0
    var reverse: MDB_dbi = 0
    var changes: MDB_dbi = 0
    var changesByType: MDB_dbi = 0
    var journal: MDB_dbi = 0
    var revisionTimes: MDB_dbi = 0

    nonisolated(unsafe) static let names: [(String, WritableKeyPath<LMDBDatabases, MDB_dbi>)] = [
        ("meta", \.meta), ("strings", \.strings), ("ids", \.ids), ("stores", \.stores), ("store-ids", \.storeIDs),
        ("models", \.models), ("assertions", \.assertions), ("tuples", \.tuples), ("reverse", \.reverse),
        ("changes", \.changes), ("changes-by-type", \.changesByType), ("journal", \.journal),
        ("revision-times", \.revisionTimes),
    ]

    /// Opens (and in a write transaction creates) every database.
    static func open(in txn: OpaquePointer, create: Bool) throws -> LMDBDatabases {
        var databases = LMDBDatabases()
        for (name, path) in names {
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, create ? UInt32(MDB_CREATE) : 0, &dbi)
            if rc == MDB_NOTFOUND {
                throw StoreError(.internalError, "not a Tessera datastore (database '\(name)' is missing)")
            }
            try LMDBStatus.check(rc, "open database \(name)")
            databases[keyPath: path] = dbi
        }
        return databases
    }
}
