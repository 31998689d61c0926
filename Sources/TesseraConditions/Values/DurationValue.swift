/// A CEL duration: signed nanoseconds in an `Int64`, the range cel-go supports (Go's
/// `time.Duration`, about ±292 years).
struct DurationValue: Sendable, Hashable, Comparable {
    var nanoseconds: Int64

    static func < (lhs: DurationValue, rhs: DurationValue) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Whole seconds and the remaining nanoseconds, both truncated toward zero.
    var secondsAndNanos: (seconds: Int64, nanos: Int64) {
        (nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000)
    }

    /// CEL's string form: seconds with the shortest fraction, as cel-go writes it
    /// (`strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"`): `5400s`, `1.5s`.
    var celString: String {
        let (seconds, nanos) = secondsAndNanos
        let value = Double(seconds) + Double(nanos) / 1e9
        return GoFloatFormat.fixed(value) + "s"
    }
}
