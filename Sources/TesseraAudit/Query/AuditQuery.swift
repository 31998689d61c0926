public import Foundation

/// Which entries to list, oldest first: the filters of `tessera audit query` and of
/// `GET /stores/{id}/audit`. Every filter set must match.
public struct AuditQuery: Sendable, Hashable {
    public var storeID: String?
    /// A caller's subject, client id or whole identity line.
    public var actor: String?
    /// Entries at or after this time.
    public var since: Date?
    /// Entries before this time.
    public var until: Date?
    public var kind: AuditEventKind?
    /// Entries that changed a tuple of this object (e.g. `folder:plans`).
    public var object: String?
    /// Entries that changed a tuple of this user (e.g. `user:bob`, `group:eng#member`).
    public var user: String?
    public var requestID: String?
    /// Entries after this sequence number (paging).
    public var after: Int64?
    /// Most entries returned.
    public var limit: Int

    public init(
        storeID: String? = nil, actor: String? = nil, since: Date? = nil, until: Date? = nil, kind: AuditEventKind? = nil,
        object: String? = nil, user: String? = nil, requestID: String? = nil, after: Int64? = nil, limit: Int = 100
    ) {
        self.storeID = storeID
        self.actor = actor
        self.since = since
        self.until = until
        self.kind = kind
        self.object = object
        self.user = user
        self.requestID = requestID
        self.after = after
        self.limit = limit
    }

    /// The filters a continuation token is bound to (not the store, the position or the page
    /// size), each marked as absent or present so that no two filter sets read alike.
    public var continuationBinding: [String] {
        [actor, since.map { "\(AuditTime.microseconds($0))" }, until.map { "\(AuditTime.microseconds($0))" }, kind?.rawValue, object, user, requestID]
            .map { $0.map { "=" + $0 } ?? "-" }
    }

    /// The WHERE clause and its parameters.
    var condition: (sql: String, values: [SQLiteValue]) {
        var clauses: [String] = []
        var values: [SQLiteValue] = []
        if let storeID {
            clauses.append("e.store_id = ?")
            values.append(.text(storeID))
        }
        if let actor {
            clauses.append("(e.subject = ? OR e.client_id = ? OR e.identity = ?)")
            values += [.text(actor), .text(actor), .text(actor)]
        }
        if let since {
            clauses.append("e.at >= ?")
            values.append(.integer(AuditTime.microseconds(since)))
        }
        if let until {
            clauses.append("e.at < ?")
            values.append(.integer(AuditTime.microseconds(until)))
        }
        if let kind {
            clauses.append("e.kind = ?")
            values.append(.text(kind.rawValue))
        }
        if let requestID {
            clauses.append("e.request_id = ?")
            values.append(.text(requestID))
        }
        if object != nil || user != nil {
            var tuple = ["t.seq = e.seq"]
            if let object {
                tuple.append("t.object = ?")
                values.append(.text(object))
            }
            if let user {
                tuple.append("t.user = ?")
                values.append(.text(user))
            }
            clauses.append("EXISTS (SELECT 1 FROM audit_tuples t WHERE \(tuple.joined(separator: " AND ")))")
        }
        if let after {
            clauses.append("e.seq > ?")
            values.append(.integer(after))
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), values)
    }
}
