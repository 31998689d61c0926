import Foundation
import TesseraConditions

/// Recomputes the hash chain inside one read transaction and reports the first entry that
/// was edited, deleted, reordered or added outside Tessera, and whether the pruning anchor
/// and the recorded head agree with the entries.
struct AuditVerifier {
    let connection: SQLiteConnection

    func run() throws -> AuditVerification {
        let anchor = try AuditAnchor.read(connection)
        var headSequence: Int64 = 0
        var headHash = AuditChain.genesis
        try connection.prepare("SELECT head_seq, head_hash FROM audit_state WHERE id = 1").forEach { row in
            headSequence = row.int64(0)
            headHash = row.text(1)
        }
        var result = AuditVerification(entriesChecked: 0, prunedCount: anchor.prunedCount, lastSequence: anchor.through, headHash: anchor.hash)
        if let problem = try walk(anchor: anchor, result: &result) ?? headProblem(headSequence, headHash, result) ?? anchorProblem(anchor) {
            result.problem = problem
        }
        return result
    }

    /// Walks the entries in sequence order with their tuples; the first broken link.
    private func walk(anchor: AuditAnchor, result: inout AuditVerification) throws -> AuditProblem? {
        if anchor.prunedCount != anchor.through {
            return AuditProblem(
                sequence: anchor.through, kind: .anchor,
                message: "the pruning anchor counts \(anchor.prunedCount) pruned entries but entries up to \(anchor.through) are gone")
        }
        let entries = try connection.prepare("SELECT \(AuditSchema.entryColumns) FROM audit_entries ORDER BY seq")
        let tuples = try connection.prepare("SELECT \(AuditSchema.tupleColumns) FROM audit_tuples ORDER BY seq, ordinal")
        try tuples.bind([])
        var nextTuple = try tuples.step() ? tuples.auditTuple() : nil
        var expected = anchor.through + 1
        var previous = anchor.hash
        var problem: AuditProblem?
        try entries.bind([])
        while problem == nil, try entries.step() {
            var row = entries.auditRow()
            // Tuples before this entry belong to no entry: in a gap (which `check` reports), or
            // left behind by pruning.
            while let tuple = nextTuple, tuple.sequence < row.sequence {
                if tuple.sequence < expected {
                    problem = AuditProblem(sequence: tuple.sequence, kind: .anchor, message: "its tuples remain although it was pruned")
                    break
                }
                nextTuple = try tuples.step() ? tuples.auditTuple() : nil
            }
            if problem != nil { break }
            while let tuple = nextTuple, tuple.sequence == row.sequence {
                row.tuples.append(tuple.tuple)
                nextTuple = try tuples.step() ? tuples.auditTuple() : nil
            }
            problem = try check(row, expected: expected, previous: previous, anchor: anchor)
            result.entriesChecked += 1
            result.lastSequence = row.sequence
            result.headHash = row.hash
            expected = row.sequence + 1
            previous = row.hash
        }
        if problem == nil, let tuple = nextTuple {
            problem = AuditProblem(sequence: tuple.sequence, kind: .missing, message: "its tuples remain but the entry was deleted")
        }
        return problem
    }

    /// One entry against the chain so far.
    private func check(_ row: AuditRow, expected: Int64, previous: String, anchor: AuditAnchor) throws -> AuditProblem? {
        let sequence = row.sequence
        if sequence <= anchor.through {
            return AuditProblem(
                sequence: sequence, kind: .anchor, message: "the entry is still present although the anchor says entries up to \(anchor.through) were pruned")
        }
        if sequence > expected {
            let range = sequence - 1 == expected ? "entry \(expected) is" : "entries \(expected)…\(sequence - 1) are"
            return AuditProblem(sequence: expected, kind: .missing, message: "\(range) gone: deleted outside retention pruning")
        }
        let consistent = AuditChain.hash(of: row) == row.hash
        if row.previousHash == previous {
            return consistent ? nil : AuditProblem(sequence: sequence, kind: .edited, message: "its content no longer matches its hash")
        }
        // The link to the entry before is broken: find what the entry follows instead.
        if let predecessor = try entrySequence(withHash: row.previousHash), predecessor != sequence - 1 {
            return AuditProblem(
                sequence: sequence, kind: .reordered,
                message: "it was written after entry \(predecessor), but it now follows entry \(sequence - 1)")
        }
        if consistent, expected > anchor.through + 1 {
            return AuditProblem(
                sequence: sequence - 1, kind: .edited,
                message: "its hash was recomputed after an edit: entry \(sequence) still links to the original")
        }
        if consistent {
            return AuditProblem(sequence: sequence, kind: .anchor, message: "the first entry after the pruning anchor does not link to the anchor")
        }
        return AuditProblem(sequence: sequence, kind: .edited, message: "its content and its link to the entry before no longer match")
    }

    private func entrySequence(withHash hash: String) throws -> Int64? {
        var found: Int64?
        try connection.prepare("SELECT seq FROM audit_entries WHERE hash = ? LIMIT 1").forEach([.text(hash)]) { found = $0.int64(0) }
        return found
    }

    /// The recorded head must be the last entry: entries deleted from the end, or appended
    /// outside Tessera, show here.
    private func headProblem(_ headSequence: Int64, _ headHash: String, _ result: AuditVerification) -> AuditProblem? {
        if headSequence > result.lastSequence {
            let range = headSequence == result.lastSequence + 1 ? "entry \(headSequence) is" : "entries \(result.lastSequence + 1)…\(headSequence) are"
            return AuditProblem(sequence: result.lastSequence + 1, kind: .missing, message: "\(range) gone from the end of the log")
        }
        if headSequence < result.lastSequence {
            return AuditProblem(sequence: headSequence + 1, kind: .unexpected, message: "the log's head is entry \(headSequence); later entries were added outside Tessera")
        }
        if headHash != result.headHash {
            return AuditProblem(sequence: headSequence, kind: .edited, message: "the last entry is not the one the log's head recorded")
        }
        return nil
    }

    /// After pruning, the anchor must be the one the newest `prune` entry recorded.
    private func anchorProblem(_ anchor: AuditAnchor) throws -> AuditProblem? {
        guard anchor.through > 0 else { return nil }
        var newest: (sequence: Int64, detail: String?)?
        try connection.prepare("SELECT seq, detail FROM audit_entries WHERE kind = ? ORDER BY seq DESC LIMIT 1")
            .forEach([.text(AuditEventKind.prune.rawValue)]) { newest = ($0.int64(0), $0.optionalText(1)) }
        guard let newest else {
            return AuditProblem(sequence: anchor.through, kind: .anchor, message: "the pruning anchor is not backed by any prune entry")
        }
        let detail = newest.detail.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }?.objectValue ?? [:]
        guard detail["through"] == .number(Double(anchor.through)), detail["pruned_total"] == .number(Double(anchor.prunedCount)),
            detail["anchor_hash"] == .string(anchor.hash)
        else {
            return AuditProblem(sequence: newest.sequence, kind: .anchor, message: "the pruning anchor differs from the one this prune entry recorded")
        }
        return nil
    }
}
