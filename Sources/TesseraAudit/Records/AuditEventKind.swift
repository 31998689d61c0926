/// What an audit entry records. Mutations are named after the API operation that made them.
public enum AuditEventKind: String, Sendable, Hashable, CaseIterable {
    case createStore
    case deleteStore
    case writeModel
    /// Tuple writes and deletes of one request (the tuples are in the entry).
    case write
    case writeAssertions
    /// A caller refused with 401 or 403.
    case refusal
    /// A check decision (`--audit-decisions`): the checked tuple in the detail, the answer
    /// as the outcome (`allowed` or `denied`).
    case decision
    /// Retention removed old entries; the entry holds the new anchor.
    case prune
    /// Refusals or decisions that could not be buffered (the writer fell behind); the entry
    /// holds how many.
    case dropped
    /// The store's journal was behind the audit log's position at startup (commits lost to a
    /// crash under relaxed durability); projection continued from the journal's revision.
    case journalRewound
}
