/// RFC 7519 NumericDate, as Tessera accepts it: a JSON integer from 0 to 2^53 − 1 seconds.
///
/// Fractions, exponents, negative values, strings and values beyond what a double holds
/// exactly are refused, so every parser agrees on the instant.
enum NumericDate {
    static let maximum: Int64 = 9_007_199_254_740_991

    /// The seconds since 1970, or nil when `value` is not an acceptable NumericDate.
    static func seconds(_ value: StrictJSON) -> Int64? {
        guard case .number(let text) = value, !text.isEmpty, text.utf8.count <= 16,
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let seconds = Int64(text), seconds <= maximum
        else { return nil }
        return seconds
    }
}
