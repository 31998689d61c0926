import Logging
import Metrics

/// Counts every refusal in `tessera_auth_refusals_total{reason=…}`, logs it (never the
/// token: an ``AuthFailure`` does not hold it) and hands it to the audit hook.
struct RefusalRecorder: Sendable {
    let logger: Logger
    let metricsFactory: any MetricsFactory
    let handler: (@Sendable (AuthRefusal) -> Void)?

    func record(_ refusal: AuthRefusal) {
        let failure = refusal.failure
        Counter(
            label: "tessera_auth_refusals_total",
            dimensions: [("reason", failure.reason.rawValue)],
            factory: metricsFactory
        ).increment()
        var metadata: Logger.Metadata = [
            "reason": "\(failure.reason.rawValue)",
            "status": "\(failure.status)",
            "source": "\(AuthFailure.sanitised(refusal.sourceAddress, limit: 64))",
            "detail": "\(failure.detail)",
        ]
        if let operation = refusal.operation { metadata["operation"] = "\(operation.rawValue)" }
        if let storeID = refusal.storeID { metadata["store_id"] = "\(AuthFailure.sanitised(storeID, limit: 64))" }
        if let caller = refusal.caller { metadata["caller"] = "\(AuthFailure.sanitised(caller.auditIdentity))" }
        // While an address is being throttled every request is refused: keep those quiet.
        logger.log(level: failure.reason == .rateLimited ? .debug : .notice, "request refused", metadata: metadata)
        handler?(refusal)
    }
}
