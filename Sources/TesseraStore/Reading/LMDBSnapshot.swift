import CLMDB
public import TesseraModel

/// A store's tuples as of one LMDB read transaction: the engine's view of storage.
///
/// Every read decodes straight from the map: keys are built in stack buffers, identifiers
/// resolve through the shared cache, and scans reuse the transaction's pooled cursors, so a
/// point lookup allocates nothing and a scan allocates only what the returned tuples need.
/// Valid only inside `LMDBDatastore.withSnapshot`; afterwards every read throws.
public final class LMDBSnapshot: TupleReader {
    private let reader: ReadTransactionPool.Reader
    private let txn: LMDBTransaction
    private let store: UInt32
    private let databases: LMDBDatabases
    private let identifiers: IdentifierTable
    private unowned let datastore: LMDBDatastore
    private var isValid = true
    /// The store this snapshot reads.
    public let storeID: String

    init(reader: ReadTransactionPool.Reader, store: UInt32, storeID: String, datastore: LMDBDatastore) {
        self.reader = reader
        self.txn = LMDBTransaction(txn: reader.txn)
        self.store = store
        self.storeID = storeID
        self.databases = datastore.environment.databases
        self.identifiers = datastore.identifiers
        self.datastore = datastore
    }

    func invalidate() { isValid = false }

    @inline(__always)
    private func checkValid() throws {
        guard isValid else { throw StoreError(.internalError, "a snapshot was used after its withSnapshot body returned") }
    }

    /// The revision this snapshot sees, as a token (for caches keyed by revision).
    public func token() throws -> ConsistencyToken {
        try checkValid()
        return try datastore.token(in: txn)
    }

    @inline(__always)
    private func id(_ text: String) throws -> UInt32? {
        try identifiers.committedID(of: text, in: txn)
    }

    public func tuple(object: String, relation: String, user: String) throws -> TupleKey? {
        try checkValid()
        guard let objectID = try id(object), let relationID = try id(relation), let userID = try id(user) else { return nil }
        let kind = UserKind(user: user)
        return try withUnsafeTemporaryAllocation(byteCount: KeyLayout.forwardKeyBytes, alignment: 8) { buffer in
            var key = RawKeyWriter(buffer)
            key.append(store)
            key.append(objectID)
            key.append(relationID)
            key.append(kind.rawValue)
            key.append(userID)
            guard let value = try txn.get(databases.tuples, UnsafeRawBufferPointer(buffer)) else { return nil }
            return TupleKey(object: object, relation: relation, user: user, condition: try TupleValue.condition(in: value))
        }
    }

    public func forEachUsersetTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        try checkValid()
        guard let objectID = try id(object), let relationID = try id(relation) else { return }
        try withUnsafeTemporaryAllocation(byteCount: 13, alignment: 8) { buffer in
            var key = RawKeyWriter(buffer)
            key.append(store)
            key.append(objectID)
            key.append(relationID)
            key.append(UserKind.userset.rawValue)
            try scanUsers(prefix: UnsafeRawBufferPointer(buffer), object: object, relation: relation, body)
        }
    }

    public func forEachTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        try checkValid()
        guard let objectID = try id(object), let relationID = try id(relation) else { return }
        try withUnsafeTemporaryAllocation(byteCount: 12, alignment: 8) { buffer in
            var key = RawKeyWriter(buffer)
            key.append(store)
            key.append(objectID)
            key.append(relationID)
            try scanUsers(prefix: UnsafeRawBufferPointer(buffer), object: object, relation: relation, body)
        }
    }

    /// Forward-index scan: keys `store · object · relation · kind · user`.
    private func scanUsers(prefix: UnsafeRawBufferPointer, object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        let cursor = try reader.cursor(databases.tuples)
        defer { reader.park(cursor, databases.tuples) }
        try LMDBCursor.scan(cursor, prefix: prefix, from: prefix, exclusive: false) { key, value in
            guard key.count == KeyLayout.forwardKeyBytes else { throw StoreError.corrupt("forward key") }
            let user = try identifiers.committedString(for: key.bigEndianUInt32(at: 13), in: txn)
            return try body(TupleKey(object: object, relation: relation, user: user, condition: try TupleValue.condition(in: value)))
        }
    }

    public func forEachTuple(user: String, relation: String, objectType: String, _ body: (TupleKey) throws -> Bool) throws {
        try checkValid()
        guard let userID = try id(user), let relationID = try id(relation), let typeID = try id(objectType) else { return }
        try withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { buffer in
            var key = RawKeyWriter(buffer)
            key.append(store)
            key.append(userID)
            key.append(relationID)
            key.append(typeID)
            let prefix = UnsafeRawBufferPointer(buffer)
            let cursor = try reader.cursor(databases.reverse)
            defer { reader.park(cursor, databases.reverse) }
            try LMDBCursor.scan(cursor, prefix: prefix, from: prefix, exclusive: false) { key, value in
                guard key.count == KeyLayout.reverseKeyBytes else { throw StoreError.corrupt("reverse key") }
                let object = try identifiers.committedString(for: key.bigEndianUInt32(at: 16), in: txn)
                return try body(TupleKey(object: object, relation: relation, user: user, condition: try TupleValue.condition(in: value)))
            }
        }
    }
}

/// Writes big-endian integers into a caller's (stack) buffer: hot-path keys without arrays.
struct RawKeyWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    private var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    @inline(__always)
    mutating func append(_ value: UInt32) {
        buffer.storeBytes(of: value.bigEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    @inline(__always)
    mutating func append(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }
}
