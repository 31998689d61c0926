import Foundation
import TesseraConditions
import TesseraStore

/// The one writing connection of an audit log: appends hash-chained entries, keeps the
/// projection position and prunes. Not thread-safe: `AuditLog` uses it on its own queue only.
final class AuditWriter {
    let connection: SQLiteConnection
    private let insertEntry: SQLiteStatement
    private let insertTuple: SQLiteStatement
    private let updateHead: SQLiteStatement
    private let updatePosition: SQLiteStatement
    /// The chain head as committed.
    private(set) var head: (sequence: Int64, hash: String)
    /// The last journal position projected, as committed.
    private(set) var position: JournalPosition?

    init(path: String) throws(AuditLogError) {
        let opened = try AuditLogError.wrapping {
            let connection = try SQLiteConnection(path: path, mode: .readWrite)
            try connection.execute(AuditSchema.connectionSettings)
            let version = try Self.schemaVersion(connection)
            guard version <= AuditSchema.version else { throw AuditLogError.unsupportedSchema(version) }
            try connection.writeTransaction { try connection.execute(AuditSchema.creation) }
            return connection
        }
        connection = opened
        let placeholders = Array(repeating: "?", count: 18).joined(separator: ", ")
        insertEntry = try AuditLogError.wrapping { try opened.prepare("INSERT INTO audit_entries (\(AuditSchema.entryColumns)) VALUES (\(placeholders))") }
        insertTuple = try AuditLogError.wrapping { try opened.prepare("INSERT INTO audit_tuples (\(AuditSchema.tupleColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") }
        updateHead = try AuditLogError.wrapping { try opened.prepare("UPDATE audit_state SET head_seq = ?, head_hash = ? WHERE id = 1") }
        updatePosition = try AuditLogError.wrapping {
            try opened.prepare("UPDATE audit_state SET journal_revision = ?, journal_sequence = ? WHERE id = 1")
        }
        var head: (sequence: Int64, hash: String) = (0, AuditChain.genesis)
        var position: JournalPosition?
        try AuditLogError.wrapping {
            try opened.prepare("SELECT head_seq, head_hash, journal_revision, journal_sequence FROM audit_state WHERE id = 1").forEach { row in
                head = (row.int64(0), row.text(1))
                if let revision = row.optionalInt64(2), let sequence = row.optionalInt64(3) {
                    position = JournalPosition(revision: UInt64(truncatingIfNeeded: revision), sequence: UInt32(truncatingIfNeeded: sequence))
                }
            }
        }
        self.head = head
        self.position = position
    }

    static func schemaVersion(_ connection: SQLiteConnection) throws -> Int64 {
        let statement = try connection.prepare("PRAGMA user_version")
        var version: Int64 = 0
        try statement.forEach { version = $0.int64(0) }
        return version
    }

    /// Appends `records` in one transaction, together with the journal position they were
    /// projected up to (when they come from the journal).
    func append(_ records: [AuditRecord], through journalPosition: JournalPosition? = nil) throws(AuditLogError) {
        guard !records.isEmpty || journalPosition != nil else { return }
        let newHead = try AuditLogError.wrapping {
            try connection.writeTransaction { try insert(records, through: journalPosition) }
        }
        head = newHead
        if let journalPosition { position = journalPosition }
    }

    /// Inserts inside the caller's transaction; returns the new head.
    private func insert(_ records: [AuditRecord], through journalPosition: JournalPosition?) throws -> (Int64, String) {
        var current = head
        for record in records {
            let row = AuditRow(record: record, sequence: current.sequence + 1, previousHash: current.hash)
            try insertEntry.run([
                .integer(row.sequence), .integer(row.microseconds), .text(row.kind), .optional(row.storeID), .optional(row.modelID),
                .optional(row.identity), .optional(row.subject), .optional(row.clientID), .optional(row.issuer), .optional(row.tokenSHA256),
                .optional(row.sourceAddress), .optional(row.requestID), .text(row.outcome), .optional(row.reason), .optional(row.revision),
                .optional(row.detail), .text(row.previousHash), .text(row.hash),
            ])
            for (ordinal, tuple) in row.tuples.enumerated() {
                try insertTuple.run([
                    .integer(row.sequence), .integer(Int64(ordinal)), .text(tuple.operation), .text(tuple.object), .text(tuple.relation),
                    .text(tuple.user), .optional(tuple.conditionName), .optional(tuple.conditionContext),
                ])
            }
            current = (row.sequence, row.hash)
        }
        if !records.isEmpty { try updateHead.run([.integer(current.sequence), .text(current.hash)]) }
        if let journalPosition {
            try updatePosition.run([.integer(Int64(truncatingIfNeeded: journalPosition.revision)), .integer(Int64(journalPosition.sequence))])
        }
        return current
    }

    /// Removes the oldest entries, those before the first entry at or after `cutoff`, moves
    /// the anchor past them and appends a `prune` entry naming the anchor — all in one
    /// transaction. Returns nil when nothing is old enough.
    func prune(before cutoff: Int64, now: Date) throws(AuditLogError) -> AuditPruneResult? {
        let outcome: (AuditPruneResult, (Int64, String))? = try AuditLogError.wrapping {
            try connection.writeTransaction {
                let anchor = try AuditAnchor.read(connection)
                // The first entry young enough to keep; everything before it goes (so only old entries
                // go, and always a prefix of the chain).
                var firstKept = head.sequence + 1
                try connection.prepare("SELECT min(seq) FROM audit_entries WHERE at >= ?").forEach([.integer(cutoff)]) { row in
                    if let sequence = row.optionalInt64(0) { firstKept = sequence }
                }
                let through = firstKept - 1
                guard through > anchor.through else { return nil }
                var hash: String?
                var removed: Int64 = 0
                try connection.prepare("SELECT hash FROM audit_entries WHERE seq = ?").forEach([.integer(through)]) { hash = $0.text(0) }
                try connection.prepare("SELECT count(*) FROM audit_entries WHERE seq <= ?").forEach([.integer(through)]) { removed = $0.int64(0) }
                guard let hash else { throw AuditLogError.corrupt("entry \(through) is missing; pruning stopped") }
                let total = anchor.prunedCount + removed
                try connection.prepare("UPDATE audit_anchor SET through_seq = ?, pruned_count = ?, hash = ? WHERE id = 1")
                    .run([.integer(through), .integer(total), .text(hash)])
                try connection.prepare("DELETE FROM audit_tuples WHERE seq <= ?").run([.integer(through)])
                try connection.prepare("DELETE FROM audit_entries WHERE seq <= ?").run([.integer(through)])
                let result = AuditPruneResult(through: through, removed: removed, prunedTotal: total, anchorHash: hash)
                let record = AuditRecord(time: now, kind: .prune, detail: result.detail(cutoff: cutoff))
                return (result, try insert([record], through: nil))
            }
        }
        guard let outcome else { return nil }
        head = outcome.1
        return outcome.0
    }
}
