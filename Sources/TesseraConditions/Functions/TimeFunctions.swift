import Foundation

/// Timestamp and duration accessors (`getFullYear`, `getMonth`, ..., `getMilliseconds`).
///
/// As CEL specifies (and cel-go implements): `getMonth`, `getDayOfMonth` and `getDayOfYear`
/// are 0-based, `getDate` is 1-based, `getDayOfWeek` is 0 for Sunday. Without a time zone
/// the fields are those at the timestamp's own offset (UTC unless it was written with one,
/// as in cel-go). A time zone is an IANA name (`"America/New_York"`) or a fixed offset
/// `"[+-]hh:mm"` (minutes 0-59). Duration accessors return the whole duration in that unit,
/// except `getMilliseconds`, which returns the milliseconds within the second.
enum TimeFunctions {
    static let accessorNames: Set<String> = [
        "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds",
    ]

    static func accessor(_ name: String, _ value: Value, timeZone: Value?) throws(EvaluationError) -> Value {
        switch value {
        case .timestamp(let t):
            // Without a time zone, the fields are read at the offset the timestamp carries (cel-go).
            var offset = Int64(t.offset)
            if let timeZone {
                guard case .string(let zone) = timeZone else { throw .noSuchOverload(name, value, timeZone) }
                offset = try utcOffset(zone, at: t)
            }
            let civil = CivilTime(secondsSinceEpoch: t.seconds + offset)
            switch name {
            case "getFullYear": return .int(civil.year)
            case "getMonth": return .int(civil.month - 1)
            case "getDayOfYear": return .int(civil.dayOfYear)
            case "getDayOfMonth": return .int(civil.day - 1)
            case "getDate": return .int(civil.day)
            case "getDayOfWeek": return .int(civil.weekday)
            case "getHours": return .int(civil.hour)
            case "getMinutes": return .int(civil.minute)
            case "getSeconds": return .int(civil.second)
            case "getMilliseconds": return .int(Int64(t.nanos) / 1_000_000)
            default: throw .noSuchOverload(name, value)
            }
        case .duration(let d) where timeZone == nil:
            switch name {
            case "getHours": return .int(d.nanoseconds / 3_600_000_000_000)
            case "getMinutes": return .int(d.nanoseconds / 60_000_000_000)
            case "getSeconds": return .int(d.nanoseconds / 1_000_000_000)
            case "getMilliseconds": return .int(d.nanoseconds / 1_000_000 % 1000)
            default: throw .noSuchOverload(name, value)
            }
        default:
            if let timeZone { throw .noSuchOverload(name, value, timeZone) }
            throw .noSuchOverload(name, value)
        }
    }

    /// Seconds east of UTC for `zone` at instant `t`.
    static func utcOffset(_ zone: String, at t: TimestampValue) throws(EvaluationError) -> Int64 {
        if let colon = zone.firstIndex(of: ":") {
            // cel-go reads "hh:mm" with an optional sign, the sign applying to both parts.
            guard let hours = Int64(zone[..<colon]), let minutes = Int64(zone[zone.index(after: colon)...]),
                  abs(hours) <= 10_000, (0...59).contains(minutes) else {
                throw EvaluationError("invalid time zone offset '\(zone)'")
            }
            let total = zone.hasPrefix("-") ? hours * 60 - minutes : hours * 60 + minutes
            return total * 60
        }
        if zone.isEmpty || zone == "UTC" { return 0 }
        guard let timeZone = zone == "Local" ? TimeZone.current : TimeZone(identifier: zone) else {
            throw EvaluationError("unknown time zone '\(zone)'")
        }
        return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }
}
