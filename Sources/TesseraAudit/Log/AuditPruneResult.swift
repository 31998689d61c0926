import TesseraConditions

/// What one retention pass removed.
public struct AuditPruneResult: Sendable, Hashable {
    /// The last sequence number removed: the anchor now points here.
    public var through: Int64
    /// Entries removed by this pass.
    public var removed: Int64
    /// Entries removed by all passes so far.
    public var prunedTotal: Int64
    /// The hash of entry `through`, which the remaining chain continues from.
    public var anchorHash: String

    /// The `prune` entry's detail; `audit verify` checks the anchor against the newest one.
    func detail(cutoff: Int64) -> JSONObject {
        [
            "through": .number(Double(through)),
            "removed": .number(Double(removed)),
            "pruned_total": .number(Double(prunedTotal)),
            "anchor_hash": .string(anchorHash),
            "cutoff": .string(AuditTime.format(cutoff)),
        ]
    }
}
