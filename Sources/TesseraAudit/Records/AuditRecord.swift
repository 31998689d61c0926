public import Foundation
public import TesseraConditions

/// What one audit entry says: when, what, on which store and model, who asked, in which
/// request, how it ended, at which revision, and the tuples it changed.
public struct AuditRecord: Sendable, Hashable {
    /// When it happened (UTC), in microseconds since 1970: the commit time for mutations.
    public var microseconds: Int64
    public var kind: AuditEventKind
    public var storeID: String?
    public var modelID: String?
    public var caller: AuditCaller
    public var requestID: String?
    public var outcome: AuditOutcome
    /// Why, for refusals (e.g. `expired`, `insufficient_scope`).
    public var reason: String?
    /// The store revision the mutation committed in.
    public var revision: UInt64?
    /// Kind-specific facts (a new store's name, a refusal's status and operation, a checked
    /// tuple, a pruning anchor).
    public var detail: JSONObject
    /// The tuples a `write` changed, in journal order.
    public var tuples: [AuditTupleChange]

    public init(
        time: Date,
        kind: AuditEventKind,
        storeID: String? = nil,
        modelID: String? = nil,
        caller: AuditCaller = AuditCaller(),
        requestID: String? = nil,
        outcome: AuditOutcome = .success,
        reason: String? = nil,
        revision: UInt64? = nil,
        detail: JSONObject = [:],
        tuples: [AuditTupleChange] = []
    ) {
        self.microseconds = AuditTime.microseconds(time)
        self.kind = kind
        self.storeID = storeID
        self.modelID = modelID
        self.caller = caller
        self.requestID = requestID
        self.outcome = outcome
        self.reason = reason
        self.revision = revision
        self.detail = detail
        self.tuples = tuples
    }

    public var time: Date { AuditTime.date(microseconds) }
}
