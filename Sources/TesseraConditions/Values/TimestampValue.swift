/// A CEL timestamp: an instant with nanosecond precision, restricted to CEL's range
/// 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59.999999999Z.
///
/// Like cel-go (whose timestamps are Go `time.Time` values), a timestamp remembers the UTC
/// offset it was written with: `getHours()` and the other accessors without a time zone
/// read the fields at that offset, and `string()` prints it (`2024-01-01T10:00:00-05:00`).
/// Equality and ordering compare instants only.
struct TimestampValue: Sendable, Hashable, Comparable {
    /// Seconds since the Unix epoch.
    var seconds: Int64
    /// Nanoseconds within the second, 0 ..< 1_000_000_000.
    var nanos: Int32
    /// Seconds east of UTC of the offset the timestamp was written with (0 for `Z`).
    var offset: Int32

    static let minimumSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let maximumSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

    /// Creates a timestamp, normalising nanos; `nil` outside CEL's range.
    init?(seconds: Int64, nanos: Int64, offset: Int32 = 0) {
        var seconds = seconds
        var nanos = nanos
        seconds = seconds.addingReportingOverflow(nanos / 1_000_000_000).partialValue
        nanos %= 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        guard seconds >= Self.minimumSeconds, seconds <= Self.maximumSeconds else { return nil }
        self.seconds = seconds
        self.nanos = Int32(nanos)
        self.offset = offset
    }

    static func == (lhs: TimestampValue, rhs: TimestampValue) -> Bool {
        lhs.seconds == rhs.seconds && lhs.nanos == rhs.nanos
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(nanos)
    }

    static func < (lhs: TimestampValue, rhs: TimestampValue) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// Adds a duration, keeping the offset; `nil` when the result leaves CEL's range.
    func adding(_ duration: DurationValue) -> TimestampValue? {
        let (seconds, nanos) = duration.secondsAndNanos
        // Both parts are far from Int64's limits: timestamps are within ±2^38 s.
        return TimestampValue(seconds: self.seconds + seconds, nanos: Int64(self.nanos) + nanos, offset: offset)
    }

    /// `self - other` as a duration; `nil` when it does not fit in Int64 nanoseconds.
    func subtracting(_ other: TimestampValue) -> DurationValue? {
        let seconds = self.seconds - other.seconds
        let nanos = Int64(self.nanos) - Int64(other.nanos)
        let (scaled, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, o2) = scaled.addingReportingOverflow(nanos)
        guard !o1, !o2 else { return nil }
        return DurationValue(nanoseconds: total)
    }

    /// RFC 3339 text at the timestamp's offset with the shortest fraction, as Go's
    /// `time.RFC3339Nano` writes it (`Z` for a zero offset).
    var rfc3339: String {
        let civil = CivilTime(secondsSinceEpoch: seconds + Int64(offset))
        var text = civil.dateTimeText
        if nanos != 0 {
            var fraction = String(nanos)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        if offset == 0 { return text + "Z" }
        let minutes = abs(Int(offset)) / 60
        let hours = String(minutes / 60)
        let rest = String(minutes % 60)
        return text + (offset < 0 ? "-" : "+") + (hours.count < 2 ? "0" : "") + hours + ":" + (rest.count < 2 ? "0" : "") + rest
    }
}

/// Proleptic Gregorian calendar fields of an instant (after a UTC offset is applied).
struct CivilTime: Sendable {
    var year: Int64
    /// 1 ... 12
    var month: Int64
    /// 1 ... 31
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    /// 0 = Sunday
    var weekday: Int64
    /// 0-based day of the year.
    var dayOfYear: Int64

    /// Splits local seconds since 1970-01-01T00:00:00 into calendar fields
    /// (Howard Hinnant's days-to-civil algorithm).
    init(secondsSinceEpoch: Int64) {
        var days = secondsSinceEpoch / 86_400
        var rest = secondsSinceEpoch % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYearMarch = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYearMarch + 2) / 153
        day = dayOfYearMarch - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        dayOfYear = days - Self.daysSinceEpoch(year: year, month: 1, day: 1)
    }

    /// Days from 1970-01-01 to the given civil date (days-from-civil).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DDThh:mm:ss`
    var dateTimeText: String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}
