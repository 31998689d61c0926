import CLMDB
import Crypto
import Synchronization

/// Interned identifiers: every object, user, relation, type and condition name has a 4-byte
/// id (`strings`: text → id, `ids`: id → text).
///
/// Ids are assigned in order by the writer and never change or get reused, so a mapping
/// read from any committed state is true forever: it is cached in memory and shared by all
/// readers. Only committed mappings enter the cache (a write transaction's new ids are
/// published after its commit), so an aborted write can never leave a phantom id behind.
/// Strings longer than LMDB's 511-byte key limit are keyed by `0xFF` + SHA-256 of the text
/// (`0xFF` never occurs in UTF-8, so no such key equals a literal one).
final class IdentifierTable: Sendable {
    private struct Cache {
        var ids: [String: UInt32] = [:]
        /// Texts of ids the lock-free `dense` cache does not hold.
        var sparse: [UInt32: String] = [:]
    }

    private let cache = Mutex(Cache())
    /// id → text without a lock: the scan path resolves one id per tuple.
    private let dense: DenseTextCache
    private let capacity: Int
    private let databases: LMDBDatabases
    static let maxLiteralKeyBytes = 511

    init(databases: LMDBDatabases, capacity: Int) {
        self.databases = databases
        self.capacity = max(1, capacity)
        dense = DenseTextCache(maxIDs: 1 << 24, capacity: max(1, capacity))
    }

    /// The `strings` key of `text`.
    static func key(for text: String) -> [UInt8] {
        let count = text.utf8.count
        if count >= 1, count <= maxLiteralKeyBytes { return Array(text.utf8) }
        return [0xFF] + SHA256.hash(data: Array(text.utf8))
    }

    /// The id of `text` if it was ever interned (by a committed write, or by `txn` itself).
    @inline(__always)
    func id(of text: String, in txn: LMDBTransaction) throws -> UInt32? {
        if let id = cache.withLock({ $0.ids[text] }) { return id }
        return try storedID(of: text, in: txn)
    }

    /// Reads an id from the database and caches it when `txn` is a reader (committed data).
    private func storedID(of text: String, in txn: LMDBTransaction) throws -> UInt32? {
        let count = text.utf8.count
        var found: UInt32?
        if count >= 1, count <= Self.maxLiteralKeyBytes {
            var utf8 = text
            found = try utf8.withUTF8 { bytes throws in
                try txn.get(databases.strings, UnsafeRawBufferPointer(bytes)).flatMap(Self.decodeID)
            }
        } else {
            let key = Self.key(for: text)
            found = try key.withUnsafeBytes { bytes throws in
                try txn.get(databases.strings, bytes).flatMap(Self.decodeID)
            }
            // A hash key: confirm the text, so a (theoretical) collision is never a match.
            if let id = found, try string(for: id, in: txn) != text { found = nil }
        }
        return found
    }

    private static func decodeID(_ value: UnsafeRawBufferPointer) -> UInt32? {
        value.count == 4 ? value.bigEndianUInt32(at: 0) : nil
    }

    /// The text of an interned id.
    @inline(__always)
    func string(for id: UInt32, in txn: LMDBTransaction) throws -> String {
        if let text = cachedString(id) { return text }
        return try storedString(for: id, in: txn)
    }

    private func storedString(for id: UInt32, in txn: LMDBTransaction) throws -> String {
        var key = id.bigEndian
        return try withUnsafeBytes(of: &key) { keyBytes throws -> String in
            guard let value = try txn.get(databases.ids, UnsafeRawBufferPointer(keyBytes)) else {
                throw StoreError.corrupt("identifier \(id) has no text")
            }
            return String(decoding: value, as: UTF8.self)
        }
    }

    @inline(__always)
    private func cachedString(_ id: UInt32) -> String? {
        dense.text(id) ?? cache.withLock { $0.sparse[id] }
    }

    /// Caches mappings known to be committed (read in a reader, or published after commit).
    /// The locked caches start over when they hold `capacity` entries.
    func remember(_ text: String, _ id: UInt32) {
        let inDense = dense.store(text, id)
        cache.withLock { cache in
            if cache.ids.count >= capacity {
                cache.ids.removeAll(keepingCapacity: true)
                cache.sparse.removeAll(keepingCapacity: true)
            }
            cache.ids[text] = id
            if !inDense { cache.sparse[id] = text }
        }
    }

    /// Publishes the ids of a committed write.
    func publish(_ interned: [(String, UInt32)]) {
        for (text, id) in interned { remember(text, id) }
    }

    /// Like `id(of:in:)`, caching what a reader found (its data is committed).
    @inline(__always)
    func committedID(of text: String, in txn: LMDBTransaction) throws -> UInt32? {
        if let id = cache.withLock({ $0.ids[text] }) { return id }
        guard let id = try storedID(of: text, in: txn) else { return nil }
        remember(text, id)
        return id
    }

    /// Like `string(for:in:)`, caching what a reader found.
    @inline(__always)
    func committedString(for id: UInt32, in txn: LMDBTransaction) throws -> String {
        if let text = cachedString(id) { return text }
        let text = try storedString(for: id, in: txn)
        remember(text, id)
        return text
    }
}
