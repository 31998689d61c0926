public import Foundation

/// Audit times: integer microseconds since 1970 (UTC), written as RFC 3339 with six
/// fractional digits, e.g. `2025-01-31T09:30:00.123456Z`.
public enum AuditTime {
    public static func microseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(max(min(value, 9.0e15), -9.0e15))
    }

    public static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// RFC 3339 in UTC with microseconds (Foundation's formatter writes at most
    /// milliseconds, so it writes the whole seconds and the fraction is appended).
    public static func format(_ microseconds: Int64) -> String {
        let fraction = ((microseconds % 1_000_000) + 1_000_000) % 1_000_000
        let seconds = (microseconds - fraction) / 1_000_000
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let whole = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(fraction)
        return "\(whole.dropLast()).\(String(repeating: "0", count: 6 - digits.count))\(digits)Z"
    }

    /// Parses RFC 3339 (`2025-01-31T09:30:00Z`, with optional fraction and offset).
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
