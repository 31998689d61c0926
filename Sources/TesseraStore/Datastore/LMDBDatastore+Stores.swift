import CLMDB

extension LMDBDatastore {
    public func createStore(name: String, caller: CallerContext) async throws -> StoreRecord {
        try StoreNameRules.validate(name)
        let id = ulids.next()
        let (record, _) = try await perform { context in
            let databases = context.databases
            let now = Timestamp.date(context.timestampMicros)
            let record = StoreRecord(id: id, name: name, createdAt: now, updatedAt: now)
            let number = context.allocateStore()
            try context.txn.put(databases.stores, KeyLayout.store(number), record.encoded())
            try context.txn.put(databases.storeIDs, Array(id.utf8), KeyLayout.store(number), flags: MDB_NOOVERWRITE)
            try context.journal(storeID: id, caller: caller, .storeCreated(name: name))
            return record
        }
        return record
    }

    public func store(id: String) throws -> StoreRecord {
        try withReader { txn in
            let number = try Self.storedStoreNumber(id, in: txn, databases: environment.databases)
            return try txn.withValue(environment.databases.stores, KeyLayout.store(number)) { value in
                guard let value else { throw StoreError.storeNotFound(id) }
                return try StoreRecord(decoding: value)
            }
        }
    }

    public func listStores(name: String?, pageSize: Int?, continuationToken: String?) throws -> Page<StoreRecord> {
        let size = try Self.pageSize(pageSize)
        let nameFilter = name.flatMap { $0.isEmpty ? nil : $0 }
        let fingerprint = ContinuationTokenCodec.fingerprint("stores", nameFilter ?? "")
        var start: [UInt8]?
        if let continuationToken, !continuationToken.isEmpty {
            let position = try tokens.decode(continuationToken, kind: .stores, store: 0)
            guard position.fingerprint == fingerprint, position.bytes.count == KeyLayout.ulidBytes else {
                throw StoreError.invalidContinuationToken()
            }
            start = position.bytes
        }
        return try withReader { txn in
            var records: [StoreRecord] = []
            var lastKey: [UInt8] = []
            var more = false
            try txn.scan(environment.databases.storeIDs, prefix: [], from: start, exclusive: true) { key, value in
                guard value.count == 4 else { throw StoreError.corrupt("store index") }
                let record = try txn.withValue(environment.databases.stores, KeyLayout.store(value.bigEndianUInt32(at: 0))) { stored in
                    guard let stored else { throw StoreError.corrupt("store index points at no store") }
                    return try StoreRecord(decoding: stored)
                }
                if let nameFilter, record.name != nameFilter { return true }
                if records.count == size {
                    more = true
                    return false
                }
                records.append(record)
                lastKey = Array(key)
                return true
            }
            let token = more ? tokens.encode(kind: .stores, store: 0, fingerprint: fingerprint, position: lastKey) : ""
            return Page(items: records, continuationToken: token)
        }
    }

    public func deleteStore(id: String, caller: CallerContext) async throws {
        // The closures capture the cache, not the datastore: the writer thread must never
        // hold the last reference to it (its deinit waits for that thread).
        let storeNumbers = storeNumbers
        _ = try await perform { context in
            let databases = context.databases
            let txn = context.txn
            let number = try Self.storedStoreNumber(id, in: txn, databases: databases)
            let prefix = KeyLayout.store(number)
            try txn.delete(databases.storeIDs, Array(id.utf8))
            try txn.delete(databases.stores, prefix)
            for dbi in [databases.tuples, databases.reverse, databases.changes, databases.changesByType, databases.models, databases.assertions] {
                try txn.deleteRange(dbi, prefix: prefix)
            }
            try context.journal(storeID: id, caller: caller, .storeDeleted)
            context.onCommit { storeNumbers.forget(id, number) }
        }
    }
}
