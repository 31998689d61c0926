/// How `tessera serve` audits (`--audit`, `--audit-retention`, `--audit-decisions`).
public struct AuditConfiguration: Sendable {
    /// `--audit on|off` (default on). Off: no audit log is written at all.
    public var enabled = true
    /// `--audit-retention` (default 400 days): older entries are pruned in the background.
    public var retention: Duration = .seconds(400 * 86_400)
    /// `--audit-decisions` (default none).
    public var decisions: AuditDecisionPolicy = .none
    /// How often the projector looks for new journal entries.
    public var pollInterval: Duration = .milliseconds(100)
    /// Journal entries read per step (one SQLite transaction each).
    public var batchSize = 1000
    /// Refusals and decisions buffered before the surplus is counted as dropped.
    public var bufferCapacity = 10_000
    /// Test only (`--audit-test-projection-delay`, hidden): the projector starts this late, so
    /// a test can kill the server between commit and projection.
    public var projectionDelay: Duration = .zero

    public init() {}

    /// How often retention runs: a tenth of the retention, between a second and an hour.
    public var pruneInterval: Duration {
        min(max(retention / 10, .seconds(1)), .seconds(3600))
    }
}
