import CLMDB

/// What a write request sees while the writer applies it: its own (nested) transaction, the
/// revision and timestamp of the commit it will be part of, and interning of identifiers.
///
/// Used only on the writer thread. A request that fails is rolled back alone: its nested
/// transaction is aborted and `restore(_:)` forgets its new ids and journal entries.
final class WriteContext {
    /// The request's transaction (a child of the commit's transaction).
    private(set) var txn: LMDBTransaction
    let databases: LMDBDatabases
    let identifiers: IdentifierTable
    /// Counters as they will be after this commit.
    private(set) var state: WriterState
    private(set) var sequence: UInt32 = 0
    /// The index of the request being applied within the commit (journal entries carry it).
    private(set) var request: UInt32 = 0
    private var requestsBegun: UInt32 = 0
    private(set) var newIdentifiers: [(String, UInt32)] = []
    private(set) var afterCommit: [@Sendable () -> Void] = []
    /// Limits the request rules use.
    let options: DatastoreOptions

    struct Savepoint {
        var state: WriterState
        var sequence: UInt32
        var newIdentifiers: Int
        var afterCommit: Int
    }

    init(txn: LMDBTransaction, databases: LMDBDatabases, identifiers: IdentifierTable, state: WriterState, options: DatastoreOptions) {
        self.txn = txn
        self.databases = databases
        self.identifiers = identifiers
        self.state = state
        self.options = options
    }

    var revision: UInt64 { state.revision }
    var timestampMicros: Int64 { state.lastTimestampMicros }

    func use(_ txn: LMDBTransaction) { self.txn = txn }

    /// Starts the next request of the commit: its journal entries get the next index.
    func beginRequest() {
        request = requestsBegun
        requestsBegun += 1
    }

    func savepoint() -> Savepoint {
        Savepoint(state: state, sequence: sequence, newIdentifiers: newIdentifiers.count, afterCommit: afterCommit.count)
    }

    func restore(_ savepoint: Savepoint) {
        state = savepoint.state
        sequence = savepoint.sequence
        newIdentifiers.removeSubrange(savepoint.newIdentifiers...)
        afterCommit.removeSubrange(savepoint.afterCommit...)
    }

    /// The id of `text`, interning it if new.
    func intern(_ text: String) throws -> UInt32 {
        if let id = try identifiers.id(of: text, in: txn) { return id }
        let id = state.nextIdentifier
        guard id < UInt32.max else { throw StoreError(.storageFull, "the identifier space of the datastore is exhausted") }
        state.nextIdentifier += 1
        var idBytes = ByteWriter(capacity: 4)
        idBytes.append(id)
        try txn.put(databases.strings, IdentifierTable.key(for: text), idBytes.bytes, flags: MDB_NOOVERWRITE)
        try txn.put(databases.ids, idBytes.bytes, Array(text.utf8), flags: MDB_NOOVERWRITE)
        newIdentifiers.append((text, id))
        return id
    }

    /// The id of `text` if it is interned (committed or by this commit).
    func existingID(_ text: String) throws -> UInt32? {
        try identifiers.id(of: text, in: txn)
    }

    /// A new store number.
    func allocateStore() -> UInt32 {
        defer { state.nextStore += 1 }
        return state.nextStore
    }

    /// Appends a journal entry for this commit (stamped with its revision, time and the next
    /// sequence number); returns the sequence number.
    @discardableResult
    func journal(storeID: String, caller: CallerContext, _ operation: JournalEntry.Operation) throws -> UInt32 {
        let seq = sequence
        sequence += 1
        let entry = JournalEntry(
            position: JournalPosition(revision: state.revision, sequence: seq),
            storeID: storeID,
            timestamp: Timestamp.date(state.lastTimestampMicros),
            caller: caller,
            operation: operation,
            request: request
        )
        // Journal keys only ever increase (revision, then sequence): append without a search.
        try txn.put(databases.journal, KeyLayout.journal(revision: state.revision, seq: seq), entry.encoded(), flags: MDB_APPEND)
        return seq
    }

    /// Runs `action` once the commit succeeded (cache updates).
    func onCommit(_ action: @escaping @Sendable () -> Void) {
        afterCommit.append(action)
    }
}
