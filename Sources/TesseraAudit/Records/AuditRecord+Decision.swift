public import Foundation
import TesseraConditions
public import TesseraStore

extension AuditRecord {
    /// The audit record of one check decision (`--audit-decisions`): the checked tuple
    /// (`object`, `relation`, `user`, and the batch item's `correlation_id`) in the detail,
    /// the answer as the outcome.
    public init(
        decisionOn object: String, relation: String, user: String, allowed: Bool, storeID: String, modelID: String?,
        caller: CallerContext, correlationID: String? = nil, time: Date = Date()
    ) {
        var detail: JSONObject = ["object": .string(object), "relation": .string(relation), "user": .string(user)]
        if let correlationID { detail["correlation_id"] = .string(correlationID) }
        self.init(
            time: time,
            kind: .decision,
            storeID: storeID,
            modelID: modelID,
            caller: AuditCaller(caller),
            requestID: caller.requestID.isEmpty ? nil : caller.requestID,
            outcome: allowed ? .allowed : .denied,
            detail: detail)
    }
}
