import ArgumentParser
import Foundation
import TesseraAudit
import TesseraConditions

/// `tessera audit query`: who did what, when — the entries matching every filter given,
/// oldest first.
struct AuditQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List audit entries (JSON: one object per line, with the tuples each changed).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case table
    }

    @Option(name: .customLong("data-dir"), help: "The data directory (default ./data).") var dataDirectory = "./data"
    @Option(name: .customLong("store-id"), help: "Only entries of this store.") var storeID: String?
    @Option(name: .customLong("actor"), help: "Only entries of this caller (subject, client id or identity line).") var actor: String?
    @Option(name: .customLong("since"), help: "Only entries at or after this RFC 3339 time.") var since: String?
    @Option(name: .customLong("until"), help: "Only entries before this RFC 3339 time.") var until: String?
    @Option(name: .customLong("kind"), help: "Only entries of this kind (\(AuditEventKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var kind: String?
    @Option(name: .customLong("object"), help: "Only entries that changed a tuple of this object (e.g. folder:plans).") var object: String?
    @Option(name: .customLong("user"), help: "Only entries that changed a tuple of this user (e.g. user:bob).") var user: String?
    @Option(name: .customLong("request-id"), help: "Only entries of this request.") var requestID: String?
    @Option(name: .customLong("limit"), help: "At most this many entries (default all).") var limit: Int?
    @Option(name: .customLong("format"), help: "json or table (default json).") var format: Format = .json

    func run() async throws {
        let query = try makeQuery()
        let entries: [AuditEntry]
        do {
            let reader = try AuditReader(path: AuditLog.path(dataDirectory: dataDirectory))
            if let limit {
                entries = try reader.query(query.limited(to: limit)).entries
            } else {
                entries = try reader.queryAll(query)
            }
        } catch {
            FileHandle.standardError.write(Data("tessera audit query: \(error)\n".utf8))
            throw ExitCode(2)
        }
        switch format {
        case .json:
            for entry in entries { print(entry.jsonValue.canonicalText) }
        case .table:
            print(AuditTable.render(entries))
        }
    }

    func makeQuery() throws -> AuditQuery {
        var query = AuditQuery(storeID: storeID, actor: actor, object: object, user: user, requestID: requestID, limit: 500)
        if let since {
            guard let date = AuditTime.parse(since) else { throw ValidationError("--since must be an RFC 3339 time, got '\(since)'") }
            query.since = date
        }
        if let until {
            guard let date = AuditTime.parse(until) else { throw ValidationError("--until must be an RFC 3339 time, got '\(until)'") }
            query.until = date
        }
        if let kind {
            guard let parsed = AuditEventKind(rawValue: kind) else { throw ValidationError("--kind must be one of \(AuditEventKind.allCases.map(\.rawValue).joined(separator: ", "))") }
            query.kind = parsed
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        return query
    }
}

extension AuditQuery {
    fileprivate func limited(to count: Int) -> AuditQuery {
        var query = self
        query.limit = count
        return query
    }
}
