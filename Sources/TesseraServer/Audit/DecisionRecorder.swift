import TesseraAudit
import TesseraEngine
import TesseraStore

/// Hands check decisions to the audit log, as `--audit-decisions` asks: the one place the
/// check and batch-check paths reach the log. `record` never waits on disk (`AuditLog`
/// buffers). Exists only when some decisions are recorded, so with `none` a check pays
/// for one nil test.
struct DecisionRecorder: Sendable {
    let log: AuditLog
    let policy: AuditDecisionPolicy

    /// nil when nothing would be recorded: auditing off or the policy `none`.
    init?(log: AuditLog?, policy: AuditDecisionPolicy) {
        guard let log, policy != .none else { return nil }
        self.log = log
        self.policy = policy
    }

    /// One check's decision, when the policy keeps it.
    func record(_ check: CheckRequest, allowed: Bool, storeID: String, modelID: String, caller: CallerContext, correlationID: String? = nil) {
        guard policy.records(allowed: allowed) else { return }
        log.record(AuditRecord(
            decisionOn: check.object, relation: check.relation, user: check.user, allowed: allowed, storeID: storeID,
            modelID: modelID.isEmpty ? nil : modelID, caller: caller, correlationID: correlationID))
    }

    /// The decisions of a batch check, item by item (items that failed decided nothing).
    func record(
        _ items: [BatchCheckItem], results: [String: Result<Bool, EngineError>], storeID: String, modelID: String, caller: CallerContext
    ) {
        for item in items {
            guard case .success(let allowed)? = results[item.correlationID] else { continue }
            record(item.check, allowed: allowed, storeID: storeID, modelID: modelID, caller: caller, correlationID: item.correlationID)
        }
    }
}
