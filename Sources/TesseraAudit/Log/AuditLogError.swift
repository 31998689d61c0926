/// Why the audit log could not be used.
public enum AuditLogError: Error, Sendable, CustomStringConvertible {
    /// The SQLite file is missing (nothing was ever audited in this data directory).
    case missing(path: String)
    /// SQLite failed.
    case sqlite(SQLiteError)
    /// The database holds something Tessera never writes (edited outside it).
    case corrupt(String)
    /// The file was written by a newer Tessera.
    case unsupportedSchema(Int64)
    /// The log is closed.
    case closed

    public var description: String {
        switch self {
        case .missing(let path): "no audit log at \(path)"
        case .sqlite(let error): "audit log: \(error)"
        case .corrupt(let why): "audit log: \(why) (run `tessera audit verify`)"
        case .unsupportedSchema(let version): "audit log: schema version \(version) is newer than this Tessera understands"
        case .closed: "audit log: closed"
        }
    }

    /// Runs `body`, turning SQLite errors into `AuditLogError`s.
    static func wrapping<T>(_ body: () throws -> T) throws(AuditLogError) -> T {
        do {
            return try body()
        } catch let error as AuditLogError {
            throw error
        } catch let error as SQLiteError {
            throw .sqlite(error)
        } catch {
            throw .corrupt("\(error)")
        }
    }
}
