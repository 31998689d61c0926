/// One page of query results.
public struct AuditPage: Sendable, Hashable {
    public var entries: [AuditEntry]
    /// The sequence number to continue after, when more entries match.
    public var next: Int64?

    public init(entries: [AuditEntry], next: Int64?) {
        self.entries = entries
        self.next = next
    }
}
