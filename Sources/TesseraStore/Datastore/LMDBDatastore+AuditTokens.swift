extension LMDBDatastore {
    // The audit log is read after a store may have been deleted, so its tokens are not tied
    // to a store number: the store id is part of the query they are bound to.

    public func auditContinuationToken(after sequence: Int64, storeID: String, query: [String]) -> String {
        var writer = ByteWriter(capacity: 8)
        writer.append(sequence)
        return tokens.encode(kind: .audit, store: 0, fingerprint: Self.auditFingerprint(storeID, query), position: writer.bytes)
    }

    public func auditSequence(continuing token: String, storeID: String, query: [String]) throws -> Int64 {
        let position = try tokens.decode(token, kind: .audit, store: 0)
        guard position.fingerprint == Self.auditFingerprint(storeID, query), position.bytes.count == 8 else {
            throw StoreError.invalidContinuationToken()
        }
        let sequence = Int64(bitPattern: position.bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        guard sequence >= 0 else { throw StoreError.invalidContinuationToken() }
        return sequence
    }

    private static func auditFingerprint(_ storeID: String, _ query: [String]) -> [UInt8] {
        ContinuationTokenCodec.fingerprint(["audit", storeID] + query)
    }
}
