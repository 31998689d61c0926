/// Which check decisions the audit log records (`--audit-decisions`).
public enum AuditDecisionPolicy: Sendable, Hashable, CustomStringConvertible {
    /// None (the default): checks cost nothing extra.
    case none
    /// Every denied check.
    case denied
    /// Every denied check and this fraction (0…1) of the allowed ones, picked at random:
    /// denials are what investigations need, allowed checks are the volume.
    case sampled(Double)
    /// Every check.
    case all

    /// Parses `none`, `denied`, `all` or `sampled:RATE` (RATE in 0…1, e.g. `sampled:0.01`).
    public init?(parsing text: String) {
        switch text {
        case "none": self = .none
        case "denied": self = .denied
        case "all": self = .all
        default:
            guard text.hasPrefix("sampled:"), let rate = Double(text.dropFirst("sampled:".count)), rate >= 0, rate <= 1 else {
                return nil
            }
            self = .sampled(rate)
        }
    }

    /// Whether a decision is recorded.
    public func records(allowed: Bool) -> Bool {
        switch self {
        case .none: false
        case .denied: !allowed
        case .sampled(let rate): !allowed || Double.random(in: 0..<1) < rate
        case .all: true
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .denied: "denied"
        case .sampled(let rate): "sampled:\(rate)"
        case .all: "all"
        }
    }
}
