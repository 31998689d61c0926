/// The counters only the writer changes, as of the last commit; persisted in `meta` by every
/// commit and read back when the datastore opens.
struct WriterState: Sendable {
    var nextIdentifier: UInt32 = 1
    var nextStore: UInt32 = 1
    var revision: UInt64 = 0
    var lastTimestampMicros: Int64 = 0

    static let nextIdentifierKey = Array("next-identifier".utf8)
    static let nextStoreKey = Array("next-store".utf8)
    static let revisionKey = Array("revision".utf8)
    static let timeKey = Array("time".utf8)

    /// Reads the counters (defaults for a new database).
    init(reading txn: LMDBTransaction, meta: UInt32) throws {
        func number(_ key: [UInt8]) throws -> UInt64? {
            try txn.withValue(meta, key) { value in
                guard let value else { return nil }
                guard value.count == 8 else { throw StoreError.corrupt("meta counter") }
                return value.bigEndianUInt64(at: 0)
            }
        }
        nextIdentifier = UInt32(truncatingIfNeeded: try number(Self.nextIdentifierKey) ?? 1)
        nextStore = UInt32(truncatingIfNeeded: try number(Self.nextStoreKey) ?? 1)
        revision = try number(Self.revisionKey) ?? 0
        lastTimestampMicros = Int64(bitPattern: try number(Self.timeKey) ?? 0)
    }

    init() {}

    func write(to txn: LMDBTransaction, meta: UInt32) throws {
        func put(_ key: [UInt8], _ value: UInt64) throws {
            var writer = ByteWriter(capacity: 8)
            writer.append(value)
            try txn.put(meta, key, writer.bytes)
        }
        try put(Self.nextIdentifierKey, UInt64(nextIdentifier))
        try put(Self.nextStoreKey, UInt64(nextStore))
        try put(Self.revisionKey, revision)
        try put(Self.timeKey, UInt64(bitPattern: lastTimestampMicros))
    }
}
