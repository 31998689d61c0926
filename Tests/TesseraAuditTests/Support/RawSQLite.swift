import CSQLite

/// Runs SQL on an audit log file straight through the SQLite C API, the way someone
/// tampering with the file would (triggers can be dropped first).
struct RawSQLiteError: Error, CustomStringConvertible {
    let description: String
}

func rawSQL(_ path: String, _ sql: String) throws {
    var db: OpaquePointer?
    guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
        sqlite3_close_v2(db)
        throw RawSQLiteError(description: "cannot open \(path)")
    }
    defer { sqlite3_close_v2(db) }
    var message: UnsafeMutablePointer<CChar>?
    guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
        let text = message.map { String(cString: $0) } ?? "SQLite error"
        sqlite3_free(message)
        throw RawSQLiteError(description: text)
    }
}

/// Drops every trigger of the audit log, then runs `sql`.
func tamper(_ path: String, _ sql: String) throws {
    try rawSQL(
        path,
        """
        DROP TRIGGER audit_entries_append_only; DROP TRIGGER audit_entries_prune_only; DROP TRIGGER audit_entries_at_head;
        DROP TRIGGER audit_tuples_append_only; DROP TRIGGER audit_tuples_prune_only; DROP TRIGGER audit_tuples_with_new_entry;
        \(sql)
        """)
}
