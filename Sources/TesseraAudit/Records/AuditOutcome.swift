/// How the recorded event ended.
public enum AuditOutcome: String, Sendable, Hashable, CaseIterable {
    /// A committed mutation (the journal holds only those), or the log's own events.
    case success
    /// A caller refused (401 or 403).
    case refused
    /// A check decision.
    case allowed
    case denied
}
