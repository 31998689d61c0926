import Logging
import Metrics

/// Counts every refusal in `tessera_auth_refusals_total{reason=…}`, logs it (never the
/// token: an ``AuthFailure`` does not hold it) and hands it to the audit hook.
struct RefusalRecorder: Sendable {
    private let logger: Logger
    private let handler: (@Sendable (AuthRefusal) -> Void)?
    /// One counter per reason, made once: refusals are the path an attacker can flood.
    private let counters: [AuthFailureReason: Counter]

    init(logger: Logger, metricsFactory: any MetricsFactory, handler: (@Sendable (AuthRefusal) -> Void)?) {
        self.logger = logger
        self.handler = handler
        var counters: [AuthFailureReason: Counter] = [:]
        for reason in AuthFailureReason.allCases {
            counters[reason] = Counter(label: "tessera_auth_refusals_total", dimensions: [("reason", reason.rawValue)], factory: metricsFactory)
        }
        self.counters = counters
    }

    func record(_ refusal: AuthRefusal) {
        let failure = refusal.failure
        counters[failure.reason]?.increment()
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
