/// RFC 3339 timestamps as Go's `time.Parse(time.RFC3339, s)` reads them, which OpenFGA
/// uses for timestamp context values and cel-go for `timestamp(string)`:
/// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, fields range-checked, the day checked
/// against the month. The result must be inside CEL's timestamp range; it keeps its offset.
enum RFC3339Parser {
    static func parse(_ text: String) -> TimestampValue? {
        // Native strings are contiguous UTF-8: parse in place, without copying.
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> TimestampValue? {
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<(index + width)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += width
            return value
        }
        func literal(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), literal(UInt8(ascii: "-")),
              let month = number(2), literal(UInt8(ascii: "-")),
              let day = number(2), literal(UInt8(ascii: "T")),
              let hour = number(2), literal(UInt8(ascii: ":")),
              let minute = number(2), literal(UInt8(ascii: ":")),
              let second = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var nanos: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else {
            guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return nil }
            let negative = bytes[index] == UInt8(ascii: "-")
            index += 1
            guard let offsetHours = number(2), literal(UInt8(ascii: ":")), let offsetMinutes = number(2),
                  offsetHours <= 23, offsetMinutes <= 59 else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (negative ? -1 : 1)
        }
        guard index == bytes.count else { return nil }
        let days = CivilTime.daysSinceEpoch(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return TimestampValue(seconds: local - offset, nanos: nanos, offset: Int32(offset))
    }
}
