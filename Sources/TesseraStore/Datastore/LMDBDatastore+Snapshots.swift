extension LMDBDatastore {
    /// Runs `body` on one read transaction of the store (a consistent snapshot), reusing a
    /// pooled transaction. The snapshot must not escape `body` or be used by two threads at
    /// once; do not nest calls on one thread (a reader waiting for a map resize would wait
    /// for itself).
    ///
    /// - Parameter token: when given, a token of another epoch or newer than the latest
    ///   commit is refused with `invalid_consistency_token`. Any snapshot begun after a
    ///   write's commit sees that write, so a valid token is always satisfied.
    public func withSnapshot<T>(storeID: String, atLeast token: ConsistencyToken?, _ body: (LMDBSnapshot) throws -> T) throws -> T {
        let reader = try pool.acquire()
        defer { pool.release(reader) }
        let txn = LMDBTransaction(txn: reader.txn)
        let store = try storeNumber(storeID, in: txn)
        let snapshot = LMDBSnapshot(reader: reader, store: store, storeID: storeID, datastore: self)
        defer { snapshot.invalidate() }
        if let token {
            let current = try snapshot.token()
            guard token.epoch == current.epoch else {
                throw StoreError(.invalidConsistencyToken, "the consistency token belongs to another database epoch")
            }
            guard token.revision <= current.revision else {
                throw StoreError(.invalidConsistencyToken, "the consistency token is from the future")
            }
        }
        return try body(snapshot)
    }

    public func currentToken() throws -> ConsistencyToken {
        try withReader { txn in try token(in: txn) }
    }

    /// The token of the state `txn` sees.
    func token(in txn: LMDBTransaction) throws -> ConsistencyToken {
        let meta = environment.databases.meta
        guard let epoch = try txn.get(meta, Self.epochKey), epoch.count == 16 else { throw StoreError.corrupt("epoch") }
        let revision = try txn.withValue(meta, WriterState.revisionKey) { value -> UInt64 in
            guard let value else { return 0 }
            guard value.count == 8 else { throw StoreError.corrupt("revision") }
            return value.bigEndianUInt64(at: 0)
        }
        return ConsistencyToken(epoch: epoch, revision: revision)
    }
}
