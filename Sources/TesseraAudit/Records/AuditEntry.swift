/// A record as stored in the log: its place in the chain and the hashes that link it.
public struct AuditEntry: Sendable, Hashable {
    /// Position in the log, from 1; never reused (pruning removes a prefix).
    public var sequence: Int64
    public var record: AuditRecord
    /// The hash of the entry before (64 zeros for the first entry ever).
    public var previousHash: String
    /// SHA-256 over the previous hash, the sequence and the record (see `AuditChain`).
    public var hash: String

    public init(sequence: Int64, record: AuditRecord, previousHash: String, hash: String) {
        self.sequence = sequence
        self.record = record
        self.previousHash = previousHash
        self.hash = hash
    }
}
