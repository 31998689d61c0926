import Foundation

/// Stored times are microseconds since 1970 (Int64).
enum Timestamp {
    static func micros(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(max(min(value, Double(Int64.max / 2)), Double(Int64.min / 2)))
    }

    static func date(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    static func nowMicros() -> Int64 { micros(Date()) }
}
