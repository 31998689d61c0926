import Foundation

/// Reads an audit log: queries and verification. Opens the file read-only, so it works
/// while a server writes to it (WAL). Use from one task at a time.
public final class AuditReader {
    let connection: SQLiteConnection

    /// Opens the log at `path`; `AuditLogError.missing` when there is none.
    public init(path: String) throws(AuditLogError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        connection = try AuditLogError.wrapping { try SQLiteConnection(path: path, mode: .readOnly) }
        let version = try AuditLogError.wrapping { try AuditWriter.schemaVersion(connection) }
        guard version <= AuditSchema.version else { throw .unsupportedSchema(version) }
    }

    /// The entries matching `query`, oldest first, with their tuples.
    public func query(_ query: AuditQuery) throws(AuditLogError) -> AuditPage {
        let limit = max(1, query.limit)
        let (condition, values) = query.condition
        let rows: [AuditRow] = try AuditLogError.wrapping {
            try connection.readTransaction {
                var rows: [AuditRow] = []
                let select = try connection.prepare(
                    "SELECT \(Self.prefixed(AuditSchema.entryColumns)) FROM audit_entries e \(condition) ORDER BY e.seq LIMIT ?")
                try select.forEach(values + [.integer(Int64(limit) + 1)]) { rows.append($0.auditRow()) }
                let tuples = try connection.prepare("SELECT \(AuditSchema.tupleColumns) FROM audit_tuples WHERE seq = ? ORDER BY ordinal")
                for index in rows.indices.prefix(limit) {
                    try tuples.forEach([.integer(rows[index].sequence)]) { rows[index].tuples.append($0.auditTuple().tuple) }
                }
                return rows
            }
        }
        var entries: [AuditEntry] = []
        for row in rows.prefix(limit) { entries.append(try row.entry()) }
        return AuditPage(entries: entries, next: rows.count > limit ? entries.last?.sequence : nil)
    }

    /// Every entry matching `query` (following pages).
    public func queryAll(_ query: AuditQuery) throws(AuditLogError) -> [AuditEntry] {
        var query = query
        var entries: [AuditEntry] = []
        while true {
            let page = try self.query(query)
            entries += page.entries
            guard let next = page.next else { return entries }
            query.after = next
        }
    }

    /// Recomputes the chain (see `AuditVerifier`).
    public func verify() throws(AuditLogError) -> AuditVerification {
        try AuditLogError.wrapping { try connection.readTransaction { try AuditVerifier(connection: connection).run() } }
    }

    private static func prefixed(_ columns: String) -> String {
        columns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }
}
