import CLMDB
public import TesseraModel

extension LMDBDatastore {
    @discardableResult
    public func write(
        storeID: String,
        writes: [TupleKey],
        deletes: [TupleKey],
        options writeOptions: WriteOptions,
        caller: CallerContext
    ) async throws -> ConsistencyToken {
        try TupleRules.validate(writes: writes, deletes: deletes, options: options)
        let (_, token) = try await perform { context in
            let store = try Self.storedStoreNumber(storeID, in: context.txn, databases: context.databases)
            try TupleMutation(store: store, storeID: storeID, options: writeOptions, caller: caller, context: context)
                .apply(writes: writes, deletes: deletes)
        }
        return token
    }

    @discardableResult
    public func importTuples(
        storeID: String,
        _ tuples: [TupleKey],
        onDuplicate: WriteOptions.Handling,
        caller: CallerContext,
        progress: (@Sendable (Int) -> Void)?
    ) async throws -> ConsistencyToken {
        for tuple in tuples { try TupleRules.validate(tuple, maxContextBytes: options.maxConditionContextBytes) }
        var token = try currentToken()
        var committed = 0
        let batchSize = max(1, options.importBatchSize)
        var start = tuples.startIndex
        while start < tuples.endIndex {
            let end = min(start + batchSize, tuples.endIndex)
            let batch = Array(tuples[start..<end])
            (_, token) = try await perform { context in
                let store = try Self.storedStoreNumber(storeID, in: context.txn, databases: context.databases)
                let mutation = TupleMutation(
                    store: store,
                    storeID: storeID,
                    options: WriteOptions(onDuplicate: onDuplicate),
                    caller: caller,
                    context: context
                )
                for tuple in batch { try mutation.write(tuple) }
            }
            committed += batch.count
            progress?(committed)
            start = end
        }
        return token
    }

    public func read(storeID: String, filter: TupleFilter, pageSize: Int?, continuationToken: String?) throws -> Page<StoredTuple> {
        let size = try Self.pageSize(pageSize)
        try ReadPlan.validate(filter)
        let fingerprint = ContinuationTokenCodec.fingerprint("read", filter.object, filter.relation, filter.user)
        return try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            var start: [UInt8]?
            var tokenIndex: UInt8?
            if let continuationToken, !continuationToken.isEmpty {
                let position = try tokens.decode(continuationToken, kind: .read, store: store)
                guard position.fingerprint == fingerprint, let index = position.bytes.first else {
                    throw StoreError.invalidContinuationToken()
                }
                tokenIndex = index
                start = Array(position.bytes.dropFirst())
            }
            guard let plan = try ReadPlan(filter: filter, store: store, txn: txn, identifiers: identifiers) else {
                return Page(items: [], continuationToken: "")
            }
            if let tokenIndex, tokenIndex != plan.index.rawValue { throw StoreError.invalidContinuationToken() }
            let dbi = plan.index == .forward ? environment.databases.tuples : environment.databases.reverse
            var tuples: [StoredTuple] = []
            var lastKey: [UInt8] = []
            var more = false
            try txn.scan(dbi, prefix: plan.prefix, from: start, exclusive: start != nil) { key, value in
                guard plan.matches(key) else { return true }
                if tuples.count == size {
                    more = true
                    return false
                }
                tuples.append(try plan.tuple(key: key, value: value, txn: txn, identifiers: identifiers))
                lastKey = Array(key)
                return true
            }
            let token = more
                ? tokens.encode(kind: .read, store: store, fingerprint: fingerprint, position: [plan.index.rawValue] + lastKey)
                : ""
            return Page(items: tuples, continuationToken: token)
        }
    }
}
