public import Foundation

extension LMDBDatastore {
    /// The most changes one ReadChanges page may hold (`--readChanges-max-page-size`).
    static let maxChangesPageSize = 100

    public func readChanges(
        storeID: String,
        objectType: String?,
        startTime: Date?,
        pageSize: Int?,
        continuationToken: String?
    ) throws -> Page<TupleChange> {
        let size = try Self.pageSize(pageSize, max: Self.maxChangesPageSize)
        let type = objectType.flatMap { $0.isEmpty ? nil : $0 }
        let token = continuationToken.flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, let startTime, startTime > Date() {
            throw StoreError(.invalidStartTime, "Invalid start time")
        }
        let fingerprint = ContinuationTokenCodec.fingerprint("changes", type ?? "")
        return try withReader { txn in
            let databases = environment.databases
            let store = try storeNumber(storeID, in: txn)
            // Where to start: after the token's change, at the first revision at or after
            // the start time, or at the beginning.
            var from: (revision: UInt64, seq: UInt32, exclusive: Bool) = (0, 0, false)
            if let token {
                let position = try tokens.decode(token, kind: .changes, store: store)
                guard position.bytes.count == 12 else { throw StoreError.invalidContinuationToken() }
                guard position.fingerprint == fingerprint else {
                    throw StoreError(.typeContinuationTokenMismatch, "continuation token was not generated for this object type")
                }
                from = position.bytes.withUnsafeBytes { ($0.bigEndianUInt64(at: 0), $0.bigEndianUInt32(at: 8), true) }
            } else if let startTime {
                var first: UInt64?
                try txn.scan(databases.revisionTimes, prefix: [], from: KeyLayout.revisionTime(micros: Timestamp.micros(startTime), revision: 0)) { key, _ in
                    guard key.count == 16 else { throw StoreError.corrupt("revision time") }
                    first = key.bigEndianUInt64(at: 8)
                    return false
                }
                guard let first else { return Page(items: [], continuationToken: "") }
                from = (first, 0, false)
            }
            var prefix = KeyLayout.store(store)
            var start: [UInt8]
            let dbi: UInt32
            if let type {
                guard let typeID = try identifiers.committedID(of: type, in: txn) else {
                    return Page(items: [], continuationToken: token ?? "")
                }
                prefix = KeyLayout.store(store) + KeyLayout.store(typeID)
                start = KeyLayout.change(store: store, objectType: typeID, revision: from.revision, seq: from.seq)
                dbi = databases.changesByType
            } else {
                start = KeyLayout.change(store: store, revision: from.revision, seq: from.seq)
                dbi = databases.changes
            }
            var changes: [TupleChange] = []
            var last: [UInt8] = []
            try txn.scan(dbi, prefix: prefix, from: start, exclusive: from.exclusive) { key, _ in
                guard key.count == prefix.count + 12 else { throw StoreError.corrupt("change key") }
                let position = Array(key[(key.count - 12)...])
                let entry = try txn.withValue(databases.journal, position) { value in
                    guard let value else { throw StoreError.corrupt("change without journal entry") }
                    return try JournalEntry(
                        position: JournalPosition(revision: key.bigEndianUInt64(at: key.count - 12), sequence: key.bigEndianUInt32(at: key.count - 4)),
                        decoding: value
                    )
                }
                switch entry.operation {
                case .tupleWritten(let tuple):
                    changes.append(TupleChange(key: tuple, operation: .write, timestamp: entry.timestamp, revision: entry.position.revision, caller: entry.caller))
                case .tupleDeleted(let tuple):
                    changes.append(TupleChange(key: tuple, operation: .delete, timestamp: entry.timestamp, revision: entry.position.revision, caller: entry.caller))
                default:
                    throw StoreError.corrupt("change index points at a non-tuple entry")
                }
                last = position
                return changes.count < size
            }
            guard !changes.isEmpty else { return Page(items: [], continuationToken: token ?? "") }
            return Page(items: changes, continuationToken: tokens.encode(kind: .changes, store: store, fingerprint: fingerprint, position: last))
        }
    }

    public func readJournal(after position: JournalPosition?, limit: Int) throws -> [JournalEntry] {
        guard limit > 0 else { return [] }
        return try withReader { txn in
            var entries: [JournalEntry] = []
            let start = position.map { KeyLayout.journal(revision: $0.revision, seq: $0.sequence) }
            try txn.scan(environment.databases.journal, prefix: [], from: start, exclusive: start != nil) { key, value in
                guard key.count == 12 else { throw StoreError.corrupt("journal key") }
                let at = JournalPosition(revision: key.bigEndianUInt64(at: 0), sequence: key.bigEndianUInt32(at: 8))
                entries.append(try JournalEntry(position: at, decoding: value))
                return entries.count < limit
            }
            return entries
        }
    }
}
