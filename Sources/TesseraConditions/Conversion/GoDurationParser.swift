/// Go's `time.ParseDuration`, which OpenFGA uses for duration context values and cel-go
/// for `duration(string)`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with units ns, us, µs, μs, ms,
/// s, m, h (`1h30m`, `-1.5h`, `.5s`, `0`), range ±(2^63-1) ns.
enum GoDurationParser {
    /// Nanoseconds per unit, for the unit's UTF-8 bytes: ns, us, µs (U+00B5), μs (U+03BC),
    /// ms, s, m, h.
    private static func unit(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> UInt64? {
        let start = bytes.startIndex
        switch bytes.count {
        case 1:
            switch bytes[start] {
            case UInt8(ascii: "s"): return 1_000_000_000
            case UInt8(ascii: "m"): return 60_000_000_000
            case UInt8(ascii: "h"): return 3_600_000_000_000
            default: return nil
            }
        case 2:
            guard bytes[start + 1] == UInt8(ascii: "s") else { return nil }
            switch bytes[start] {
            case UInt8(ascii: "n"): return 1
            case UInt8(ascii: "u"): return 1_000
            case UInt8(ascii: "m"): return 1_000_000
            default: return nil
            }
        case 3:
            let lead = (bytes[start], bytes[start + 1], bytes[start + 2])
            return lead == (0xC2, 0xB5, UInt8(ascii: "s")) || lead == (0xCE, 0xBC, UInt8(ascii: "s")) ? 1_000 : nil
        default:
            return nil
        }
    }

    /// The duration, or `nil` when the text is not a valid Go duration or overflows.
    static func parse(_ text: String) -> DurationValue? {
        // Native strings are contiguous UTF-8: parse in place, without copying.
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0[...]) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0[...]) }
    }

    private static func parse(bytes input: UnsafeBufferPointer<UInt8>.SubSequence) -> DurationValue? {
        var bytes = input
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.count == 1, bytes.first == UInt8(ascii: "0") { return DurationValue(nanoseconds: 0) }
        guard !bytes.isEmpty else { return nil }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        while !bytes.isEmpty {
            guard let first = bytes.first, first == UInt8(ascii: ".") || isDigit(first) else { return nil }
            // Integer part.
            var whole: UInt64 = 0
            var sawWhole = false
            while let byte = bytes.first, isDigit(byte) {
                guard whole <= (limit - 1) / 10 else { return nil }
                whole = whole * 10 + UInt64(byte - 48)
                guard whole <= limit else { return nil }
                sawWhole = true
                bytes = bytes.dropFirst()
            }
            // Fraction: digits beyond what fits are ignored, as Go does.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var sawFraction = false
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                var overflowed = false
                while let byte = bytes.first, isDigit(byte) {
                    sawFraction = true
                    bytes = bytes.dropFirst()
                    if overflowed { continue }
                    if fraction > (limit - 1) / 10 {
                        overflowed = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(byte - 48)
                    if next > limit {
                        overflowed = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
            }
            guard sawWhole || sawFraction else { return nil }
            // Unit: everything up to the next digit or '.'.
            var unitEnd = bytes.startIndex
            while unitEnd < bytes.endIndex, bytes[unitEnd] != UInt8(ascii: "."), !isDigit(bytes[unitEnd]) { unitEnd += 1 }
            guard unitEnd > bytes.startIndex, let unit = unit(bytes[..<unitEnd]) else { return nil }
            bytes = bytes[unitEnd...]
            guard whole <= limit / unit else { return nil }
            var value = whole * unit
            if fraction > 0 {
                let extra = Double(fraction) * (Double(unit) / scale)
                guard extra < 1.8e19 else { return nil }
                value = value.addingReportingOverflow(UInt64(extra)).partialValue
                guard value <= limit else { return nil }
            }
            total += value
            guard total <= limit else { return nil }
        }
        if negative {
            return DurationValue(nanoseconds: total == limit ? Int64.min : -Int64(total))
        }
        guard total <= limit - 1 else { return nil }
        return DurationValue(nanoseconds: Int64(total))
    }
}
