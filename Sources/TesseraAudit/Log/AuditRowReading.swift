extension SQLiteStatement {
    /// The entry columns of the current row (selected as `AuditSchema.entryColumns`), without tuples.
    func auditRow(from first: Int32 = 0) -> AuditRow {
        AuditRow(
            sequence: int64(first), microseconds: int64(first + 1), kind: text(first + 2), storeID: optionalText(first + 3),
            modelID: optionalText(first + 4), identity: optionalText(first + 5), subject: optionalText(first + 6),
            clientID: optionalText(first + 7), issuer: optionalText(first + 8), tokenSHA256: optionalText(first + 9),
            sourceAddress: optionalText(first + 10), requestID: optionalText(first + 11), outcome: text(first + 12),
            reason: optionalText(first + 13), revision: optionalInt64(first + 14), detail: optionalText(first + 15),
            previousHash: text(first + 16), hash: text(first + 17), tuples: [])
    }

    /// The tuple columns of the current row (selected as `AuditSchema.tupleColumns`).
    func auditTuple() -> (sequence: Int64, ordinal: Int64, tuple: AuditRow.Tuple) {
        (
            int64(0), int64(1),
            AuditRow.Tuple(
                operation: text(2), object: text(3), relation: text(4), user: text(5), conditionName: optionalText(6),
                conditionContext: optionalText(7))
        )
    }
}
