/// How durable a commit is: the `--datastore-sync` setting.
///
/// What each mode can lose is stated in the README ("Storage and durability"). In short: a
/// process crash loses nothing acknowledged in any mode (committed pages are in the OS page
/// cache); an operating-system crash or power loss can lose the last commit under
/// `metaSync`, and recent commits — or the file's integrity, unless the filesystem keeps
/// write order — under `noSync`.
public enum DatastoreSync: String, Sendable, CaseIterable {
    /// fsync data and metadata on every commit (LMDB's default). The default.
    case full
    /// fsync data on commit but not the meta page (`MDB_NOMETASYNC`).
    case metaSync = "metasync"
    /// No fsync on commit (`MDB_NOSYNC`); Tessera flushes after `noSyncFlushInterval` of quiet.
    case noSync = "nosync"
}

/// Settings of an `LMDBDatastore`. The defaults are the server's.
public struct DatastoreOptions: Sendable {
    /// Commit durability (`--datastore-sync`).
    public var sync: DatastoreSync = .full
    /// The largest the data file may grow, in bytes (`--datastore-max-size`); `nil` is
    /// unlimited. Writes past it fail with `storage_full`; reads keep working.
    public var maxSize: Int?
    /// The map size to start with; the map doubles when full (up to `maxSize`). Address
    /// space only: the file grows with the data.
    public var initialMapSize: Int = 1 << 30
    /// Most tuples (writes plus deletes) in one write request (OpenFGA's `maxTuplesPerWrite`).
    public var maxTuplesPerWrite: Int = 100
    /// Largest condition context stored with a tuple, in bytes of compact JSON (OpenFGA: 32 KiB).
    public var maxConditionContextBytes: Int = 32 * 1024
    /// Most read transactions open at once in this process; further readers wait. Kept
    /// below LMDB's reader table (`readerTableSize`) so other processes find free slots.
    public var maxReadTransactions: Int = 126
    /// Size of LMDB's reader table, fixed by the first process that opens the environment.
    public var readerTableSize: Int = 256
    /// Group concurrent write requests into one commit (one fsync for many requests).
    public var groupCommit: Bool = true
    /// Most requests applied in one group commit.
    public var maxRequestsPerCommit: Int = 256
    /// Open the data directory read-only: no writer, reads only (the CLI's inspection mode).
    public var readOnly: Bool = false
    /// Under `noSync`, flush to disk after this many seconds without a flush.
    public var noSyncFlushInterval: Double = 1
    /// Interned identifiers cached in memory (string → id and id → string, each).
    public var identifierCacheCapacity: Int = 1 << 20
    /// Largest tuple batch of `importTuples` committed as one transaction.
    public var importBatchSize: Int = 50_000

    public init() {}
}
