/// Where the chain starts after pruning: entries up to `through` are gone (`prunedCount` of
/// them) and the first remaining entry follows `hash`.
struct AuditAnchor: Sendable, Hashable {
    var through: Int64
    var prunedCount: Int64
    var hash: String

    static func read(_ connection: SQLiteConnection) throws -> AuditAnchor {
        var anchor = AuditAnchor(through: 0, prunedCount: 0, hash: AuditChain.genesis)
        try connection.prepare("SELECT through_seq, pruned_count, hash FROM audit_anchor WHERE id = 1").forEach { row in
            anchor = AuditAnchor(through: row.int64(0), prunedCount: row.int64(1), hash: row.text(2))
        }
        return anchor
    }
}
