import TesseraAudit

extension ServeCommand {
    /// `--audit`, `--audit-retention`, `--audit-decisions` and the hidden test delay.
    func resolveAudit(_ settings: SettingSources) throws -> AuditConfiguration {
        var audit = AuditConfiguration()
        switch settings.value("audit", flag: self.audit) ?? "on" {
        case "on": audit.enabled = true
        case "off": audit.enabled = false
        case let other: throw ServeError("--audit must be on or off, got '\(other)'")
        }
        if let text = settings.value("audit-retention", flag: auditRetention) {
            guard let retention = AuditDuration.parse(text), retention > .zero else {
                throw ServeError("--audit-retention must be a duration such as 400d, 12h or 90m, got '\(text)'")
            }
            audit.retention = retention
        }
        if let text = settings.value("audit-decisions", flag: auditDecisions) {
            guard let policy = AuditDecisionPolicy(parsing: text) else {
                throw ServeError("--audit-decisions must be none, denied, all or sampled:RATE with RATE from 0 to 1 (e.g. sampled:0.01), got '\(text)'")
            }
            audit.decisions = policy
        }
        // Asking for decisions with no log to put them in is a mistake to report, not to ignore.
        guard audit.enabled || audit.decisions == .none else {
            throw ServeError("--audit-decisions \(audit.decisions) needs --audit on: with --audit off there is no audit log to record decisions in")
        }
        if let text = settings.value("audit-test-projection-delay", flag: auditProjectionDelay) {
            guard let delay = AuditDuration.parse(text) else { throw ServeError("--audit-test-projection-delay must be a duration, got '\(text)'") }
            audit.projectionDelay = delay
        }
        return audit
    }
}
