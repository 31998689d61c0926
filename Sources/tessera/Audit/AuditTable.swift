import TesseraAudit
import TesseraModel

/// `audit query --format table`: one line per entry, the tuples it changed indented below.
enum AuditTable {
    static func render(_ entries: [AuditEntry]) -> String {
        var rows = [["SEQ", "TIME", "KIND", "OUTCOME", "STORE", "ACTOR", "REQUEST", "REVISION"]]
        var tuples: [Int: [String]] = [:]
        for entry in entries {
            let record = entry.record
            let actor = record.caller.subject ?? record.caller.clientID ?? record.caller.identity ?? "-"
            rows.append([
                String(entry.sequence), AuditTime.format(record.microseconds), record.kind.rawValue,
                record.outcome.rawValue + (record.reason.map { " (\($0))" } ?? ""), record.storeID ?? "-", actor,
                record.requestID ?? "-", record.revision.map(String.init) ?? "-",
            ])
            tuples[rows.count - 1] = record.tuples.map { change in
                let condition = change.tuple.condition.map { " [\($0.name)]" } ?? ""
                return "    \(change.operation.rawValue) \(change.tuple)\(condition)"
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            lines.append(cells.joined(separator: "  "))
            lines += tuples[index] ?? []
        }
        return lines.joined(separator: "\n")
    }
}
