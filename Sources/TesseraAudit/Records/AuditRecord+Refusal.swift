public import TesseraAuth
import TesseraConditions

extension AuditRecord {
    /// The audit record of a refusal: who (as far as known), from where, in which request,
    /// which operation on which store, and why. Never the token (at most its SHA-256).
    public init(refusal: AuthRefusal) {
        let failure = refusal.failure
        var detail: JSONObject = ["status": .number(Double(failure.status)), "code": .string(failure.code.rawValue)]
        if let operation = refusal.operation { detail["operation"] = .string(operation.rawValue) }
        let caller = refusal.caller
        self.init(
            time: refusal.time,
            kind: .refusal,
            storeID: refusal.storeID,
            caller: AuditCaller(
                identity: caller?.auditIdentity, subject: caller?.subject, clientID: caller?.clientID, issuer: caller?.issuer,
                tokenSHA256: caller?.tokenSHA256, sourceAddress: refusal.sourceAddress.isEmpty ? nil : refusal.sourceAddress),
            requestID: refusal.requestID.isEmpty ? nil : refusal.requestID,
            outcome: .refused,
            reason: failure.reason.rawValue,
            detail: detail)
    }
}
