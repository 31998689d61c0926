import TesseraConditions

/// OpenFGA's `consistency` request field.
enum ConsistencyPreference: Sendable, Hashable {
    /// Unset: behaves as `minimizeLatency`.
    case unspecified
    /// May be served from caches.
    case minimizeLatency
    /// Read the latest committed data, bypassing every cache.
    case higherConsistency

    /// Reads the enum by name (`HIGHER_CONSISTENCY`) or number (200), as protojson does.
    init(wire object: WireObject) throws(WireError) {
        guard let (field, value) = object.member(["consistency"]) else {
            self = .unspecified
            return
        }
        switch value {
        case .string("CONSISTENCY_PREFERENCE_UNSPECIFIED"), .number(0): self = .unspecified
        case .string("MINIMIZE_LATENCY"), .number(100): self = .minimizeLatency
        case .string("HIGHER_CONSISTENCY"), .number(200): self = .higherConsistency
        default:
            throw WireError(field, "expected one of CONSISTENCY_PREFERENCE_UNSPECIFIED, MINIMIZE_LATENCY, HIGHER_CONSISTENCY")
        }
    }
}
