/// CEL's type conversion functions (`int`, `uint`, `double`, `string`, `bool`,
/// `timestamp`, `duration`, `dyn`) with cel-go's range checks and string syntaxes.
enum Conversions {
    static func toInt(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .int: return value
        case .uint(let v):
            guard v <= UInt64(Int64.max) else { throw .integerOverflow }
            return .int(Int64(v))
        case .double(let v):
            // cel-go: NaN, infinities and values at or beyond ±2^63 are out of range.
            guard v.isFinite, v > -9.223372036854775808e18, v < 9.223372036854775807e18 else { throw .integerOverflow }
            return .int(Int64(v))
        case .string(let text):
            guard let v = parseInteger(text, allowSign: true) else { throw conversionError(text, "int") }
            if v.negative {
                guard v.magnitude <= UInt64(Int64.max) + 1 else { throw conversionError(text, "int") }
                return .int(v.magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(v.magnitude))
            }
            guard v.magnitude <= UInt64(Int64.max) else { throw conversionError(text, "int") }
            return .int(Int64(v.magnitude))
        case .timestamp(let t): return .int(t.seconds)
        case .duration(let d): return .int(d.nanoseconds)
        default: throw .noSuchOverload("int", value)
        }
    }

    static func toUint(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .uint: return value
        case .int(let v):
            guard v >= 0 else { throw .unsignedOverflow }
            return .uint(UInt64(v))
        case .double(let v):
            guard v.isFinite, v >= 0, v < 1.8446744073709551616e19 else { throw .unsignedOverflow }
            return .uint(UInt64(v))
        case .string(let text):
            guard let v = parseInteger(text, allowSign: false) else { throw conversionError(text, "uint") }
            return .uint(v.magnitude)
        default: throw .noSuchOverload("uint", value)
        }
    }

    static func toDouble(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .double: return value
        case .int(let v): return .double(Double(v))
        case .uint(let v): return .double(Double(v))
        case .string(let text):
            guard let v = parseDouble(text) else { throw conversionError(text, "double") }
            return .double(v)
        default: throw .noSuchOverload("double", value)
        }
    }

    static func toString(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .string: return value
        case .bool(let v): return .string(v ? "true" : "false")
        case .int(let v): return .string(String(v))
        case .uint(let v): return .string(String(v))
        case .double(let v): return .string(GoFloatFormat.general(v))
        case .timestamp(let t): return .string(t.rfc3339)
        case .duration(let d): return .string(d.celString)
        default: throw .noSuchOverload("string", value)
        }
    }

    static func toBool(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .bool: return value
        case .string(let text):
            // Go's strconv.ParseBool spellings.
            switch text {
            case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
            case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
            default: throw conversionError(text, "bool")
            }
        default: throw .noSuchOverload("bool", value)
        }
    }

    static func toTimestamp(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .timestamp: return value
        case .int(let seconds):
            guard let t = TimestampValue(seconds: seconds, nanos: 0) else { throw .timestampOverflow }
            return .timestamp(t)
        case .string(let text):
            guard let t = RFC3339Parser.parse(text) else {
                throw EvaluationError("timestamp conversion error: '\(text)' is not an RFC 3339 timestamp in the range 0001-01-01 to 9999-12-31")
            }
            return .timestamp(t)
        default: throw .noSuchOverload("timestamp", value)
        }
    }

    static func toDuration(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .duration: return value
        case .int(let nanoseconds): return .duration(DurationValue(nanoseconds: nanoseconds))
        case .string(let text):
            guard let d = GoDurationParser.parse(text) else {
                throw EvaluationError("duration conversion error: '\(text)' is not a valid duration (such as 1h30m or 1.5s)")
            }
            return .duration(d)
        default: throw .noSuchOverload("duration", value)
        }
    }

    private static func conversionError(_ text: String, _ type: String) -> EvaluationError {
        EvaluationError("type conversion error: cannot convert '\(text)' to \(type)")
    }

    /// Decimal digits with an optional sign (Go's `strconv.ParseInt`/`ParseUint` in base 10).
    static func parseInteger(_ text: String, allowSign: Bool) -> (negative: Bool, magnitude: UInt64)? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if allowSign, let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(UInt64(byte - 48))
            guard !o1, !o2 else { return nil }
            magnitude = sum
        }
        return (negative, magnitude)
    }

    /// Go's `strconv.ParseFloat` decimal syntax plus `inf`, `infinity` and `nan` (any case);
    /// a finite literal beyond double's range is an error, as in Go.
    static func parseDouble(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign == "-" ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        var digits = 0
        var index = body.startIndex
        func skipDigits() {
            while index < body.endIndex, let ascii = body[index].asciiValue, ascii >= 48, ascii <= 57 {
                digits += 1
                index = body.index(after: index)
            }
        }
        skipDigits()
        if index < body.endIndex, body[index] == "." {
            index = body.index(after: index)
            skipDigits()
        }
        guard digits > 0 else { return nil }
        if index < body.endIndex, body[index] == "e" || body[index] == "E" {
            index = body.index(after: index)
            if index < body.endIndex, body[index] == "+" || body[index] == "-" { index = body.index(after: index) }
            digits = 0
            skipDigits()
            guard digits > 0 else { return nil }
        }
        guard index == body.endIndex, let value = Double(sign + body), value.isFinite else { return nil }
        return value
    }
}
