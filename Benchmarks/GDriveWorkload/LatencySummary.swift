/// Percentiles of measured latencies (nearest rank), in nanoseconds.
public struct LatencySummary: Sendable {
    public let samples: [Int64]

    public init(nanoseconds: [Int64]) { samples = nanoseconds.sorted() }

    /// The smallest sample that at least `percent`% of samples do not exceed.
    public func percentile(_ percent: Double) -> Int64 {
        guard !samples.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(samples.count)).rounded(.up))
        return samples[min(max(rank, 1), samples.count) - 1]
    }

    /// `µs` with one decimal below 100 µs, else whole microseconds or milliseconds.
    public static func format(_ nanoseconds: Int64) -> String {
        let microseconds = Double(nanoseconds) / 1000
        if microseconds < 100 { return "\((microseconds * 10).rounded() / 10) µs" }
        if microseconds < 10_000 { return "\(Int(microseconds.rounded())) µs" }
        return "\((microseconds / 100).rounded() / 10) ms"
    }
}

extension Duration {
    /// Whole nanoseconds.
    public var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
