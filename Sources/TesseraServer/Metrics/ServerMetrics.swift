public import Metrics

/// Tessera's own metrics, beside the per-route request counts and latency histograms of
/// Hummingbird's `MetricsMiddleware`: check outcomes and store sizes.
///
/// The metrics are made once, from the factory given (the global metrics system by
/// default), so tests can pass a factory of their own instead of bootstrapping the process.
public struct ServerMetrics: Sendable {
    /// What a check (or one check of a batch) came to.
    enum Outcome {
        case allowed
        case denied
        case error
    }

    /// `tessera_check_outcomes_total{operation, outcome}` of one operation.
    struct OutcomeCounters: Sendable {
        let allowed: Counter
        let denied: Counter
        let error: Counter

        init(operation: String, factory: any MetricsFactory) {
            func counter(_ outcome: String) -> Counter {
                Counter(label: "tessera_check_outcomes_total", dimensions: [("operation", operation), ("outcome", outcome)], factory: factory)
            }
            allowed = counter("allowed")
            denied = counter("denied")
            error = counter("error")
        }

        func record(_ outcome: Outcome) {
            switch outcome {
            case .allowed: allowed.increment()
            case .denied: denied.increment()
            case .error: error.increment()
            }
        }
    }

    let checks: OutcomeCounters
    let batchChecks: OutcomeCounters
    /// `tessera_stores`: the number of stores, refreshed when `/metrics` is read.
    private let stores: Gauge
    /// `tessera_datastore_size_bytes`: the size of the data file, refreshed when `/metrics` is read.
    private let datastoreBytes: Gauge

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        checks = OutcomeCounters(operation: "check", factory: factory)
        batchChecks = OutcomeCounters(operation: "batch_check", factory: factory)
        stores = Gauge(label: "tessera_stores", dimensions: [], factory: factory)
        datastoreBytes = Gauge(label: "tessera_datastore_size_bytes", dimensions: [], factory: factory)
    }

    func recordStoreSizes(stores count: Int, datastoreBytes bytes: Int64?) {
        stores.record(count)
        if let bytes { datastoreBytes.record(bytes) }
    }
}
