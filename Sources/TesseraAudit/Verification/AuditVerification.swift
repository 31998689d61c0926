/// What `audit verify` found.
public struct AuditVerification: Sendable, Hashable {
    /// Entries present and checked.
    public var entriesChecked: Int64
    /// Entries removed by retention (the anchor's count).
    public var prunedCount: Int64
    /// The last sequence number checked (0 when the log is empty).
    public var lastSequence: Int64
    /// The hash of the last entry (the chain head).
    public var headHash: String
    /// The first inconsistency, or nil when the log is intact.
    public var problem: AuditProblem?

    public var isIntact: Bool { problem == nil }
}
