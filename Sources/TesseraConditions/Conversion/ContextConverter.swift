/// Converts context JSON values to parameter values the way OpenFGA does
/// (`internal/condition/types/converters.go`):
///
/// - `int`, `uint`, `double`: a JSON number or a numeric string; `int` and `uint` must be
///   integral, `uint` non-negative. Deliberate deviation: a value outside the 64-bit range
///   is an error here, where OpenFGA's `big.Float.Int64()` silently saturates it.
/// - `bool`, `string`: that JSON type only.
/// - `duration`: a Go duration string (`1h30m`); `timestamp`: an RFC 3339 string
///   (additionally required to be inside CEL's range, years 1 to 9999);
///   `ipaddress`: an address string, IPv4-mapped IPv6 unmapped.
/// - `list<T>` / `map<T>`: a JSON array / object whose elements convert to `T`.
/// - `any`: the JSON value as is (numbers as doubles, objects as `map<string, any>`).
enum ContextConverter {
    static func convert(_ json: JSONValue, to type: ConditionType) throws(ConversionFailure) -> Value {
        switch type {
        case .any:
            return anyValue(json)
        case .bool:
            guard case .bool(let value) = json else { throw mismatch("bool", json) }
            return .bool(value)
        case .string:
            guard case .string(let value) = json else { throw mismatch("string", json) }
            return .string(value)
        case .int, .uint, .double:
            return try number(json, as: type)
        case .duration:
            guard case .string(let text) = json else { throw ConversionFailure("expected a duration string, but found \(describe(json))") }
            guard let value = GoDurationParser.parse(text) else { throw ConversionFailure("expected a valid duration string, but found '\(text)'") }
            return .duration(value)
        case .timestamp:
            guard case .string(let text) = json else {
                throw ConversionFailure("expected RFC 3339 formatted timestamp string, but found \(describe(json))")
            }
            guard let value = RFC3339Parser.parse(text) else {
                throw ConversionFailure("expected RFC 3339 formatted timestamp string (years 0001 to 9999), but found '\(text)'")
            }
            return .timestamp(value)
        case .ipAddress:
            guard case .string(let text) = json else { throw ConversionFailure("expected an ipaddress string, but found \(describe(json))") }
            guard let value = IPAddressValue(parsing: text) else { throw ConversionFailure("expected a well-formed IP address, but found: '\(text)'") }
            return .ipAddress(value)
        case .list(let element):
            guard case .array(let items) = json else { throw ConversionFailure("list requires a list, found \(describe(json))") }
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do throws(ConversionFailure) {
                    values.append(try convert(item, to: element))
                } catch {
                    throw ConversionFailure("found an invalid list item at index `\(index)`: \(error.message)")
                }
            }
            return .list(values)
        case .map(let element):
            guard case .object(let members) = json else { throw ConversionFailure("map requires a map, found \(describe(json))") }
            var map = MapValue()
            for key in members.keys.sorted() {
                do throws(ConversionFailure) {
                    _ = map.insert(.string(key), try convert(members[key, default: .null], to: element))
                } catch {
                    throw ConversionFailure("found an invalid value for key '\(key)': \(error.message)")
                }
            }
            return .map(map)
        }
    }

    static func anyValue(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .double(value)
        case .string(let value): return .string(value)
        case .array(let items): return .list(items.map(anyValue))
        case .object(let members):
            var map = MapValue()
            for key in members.keys.sorted() { _ = map.insert(.string(key), anyValue(members[key, default: .null])) }
            return .map(map)
        }
    }

    private static func number(_ json: JSONValue, as type: ConditionType) throws(ConversionFailure) -> Value {
        let decimal: ExactDecimal
        switch json {
        case .number(let value):
            if type == .double {
                // OpenFGA's ABAC suite (`handles_floats`) refuses infinities in the context.
                guard value.isFinite else { throw ConversionFailure("expected a double value, but found numeric value '\(value)'") }
                return .double(value)
            }
            // Fast path: an integral JSON number within range needs no decimal parsing.
            if type == .int, let exact = Int64(exactly: value) { return .int(exact) }
            if type == .uint, let exact = UInt64(exactly: value) { return .uint(exact) }
            guard value.isFinite, let parsed = ExactDecimal(parsing: Self.plainText(value)) else {
                throw ConversionFailure("expected \(type == .int ? "an" : "a") \(type) value, but found numeric value '\(value)'")
            }
            decimal = parsed
        case .string(let text):
            if type == .double {
                // Out-of-range literals (which Go's big.ParseFloat turns into ±Inf) are refused,
                // as OpenFGA's ABAC suite (`handles_floats`) requires.
                guard let value = Conversions.parseDouble(text), value.isFinite else {
                    throw ConversionFailure("expected a double value, but found invalid string value '\(text)'")
                }
                return .double(value)
            }
            guard let parsed = ExactDecimal(parsing: text) else {
                throw ConversionFailure("expected \(type == .int ? "an" : "a") \(type) value, but found invalid string value '\(text)'")
            }
            decimal = parsed
        default:
            throw ConversionFailure("expected type value '\(type)', but found \(describe(json))")
        }
        guard decimal.isIntegral else {
            throw ConversionFailure("expected \(type == .int ? "an int" : "a uint") value, but found numeric value '\(decimal.text)'")
        }
        if type == .int {
            guard let value = decimal.int64 else { throw ConversionFailure("int value '\(decimal.text)' is out of range") }
            return .int(value)
        }
        guard !decimal.negative || decimal.isZero else {
            throw ConversionFailure("expected a uint value, but found int64 value '\(decimal.text)'")
        }
        guard let value = decimal.uint64 else { throw ConversionFailure("uint value '\(decimal.text)' is out of range") }
        return .uint(value)
    }

    /// A double in positional notation with every digit, so integral values stay exact.
    private static func plainText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1.9e19 {
            return value < 0 ? "-" + String(UInt64(-value)) : String(UInt64(value))
        }
        return "\(value)"
    }

    private static func mismatch(_ expected: String, _ json: JSONValue) -> ConversionFailure {
        ConversionFailure("expected type value '\(expected)', but found \(describe(json))")
    }

    static func describe(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let value): "bool '\(value)'"
        case .number(let value): "number '\(JSONValue.numberText(value))'"
        case .string(let value): "string '\(value)'"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Why a context value does not convert.
struct ConversionFailure: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A decimal number read exactly (`-12.500e2`), to decide integrality and 64-bit range
/// without binary rounding.
struct ExactDecimal {
    var negative: Bool
    /// Significant digits without leading zeros.
    var digits: [UInt8]
    /// value = 0.d₁d₂d₃… × 10^pointPosition.
    var pointPosition: Int
    var text: String

    init?(parsing text: String) {
        self.text = text
        var bytes = Array(text.utf8)[...]
        negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var all: [UInt8] = []
        var point: Int?
        while let byte = bytes.first {
            if byte >= 48, byte <= 57 {
                all.append(byte - 48)
            } else if byte == UInt8(ascii: "."), point == nil {
                point = all.count
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard !all.isEmpty else { return nil }
        var exponent = 0
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for byte in bytes {
                guard byte >= 48, byte <= 57 else { return nil }
                exponent = min(exponent * 10 + Int(byte - 48), 100_000)
            }
            bytes = bytes[bytes.endIndex...]
            if exponentNegative { exponent = -exponent }
        }
        guard bytes.isEmpty else { return nil }
        var position = (point ?? all.count) + exponent
        while let first = all.first, first == 0 {
            all.removeFirst()
            position -= 1
        }
        while let last = all.last, last == 0 { all.removeLast() }
        digits = all
        pointPosition = position
    }

    var isZero: Bool { digits.isEmpty }

    var isIntegral: Bool { isZero || digits.count <= pointPosition }

    private var magnitude: UInt64? {
        if isZero { return 0 }
        guard isIntegral, pointPosition <= 20 else { return nil }
        var value: UInt64 = 0
        for index in 0..<pointPosition {
            let digit = index < digits.count ? UInt64(digits[index]) : 0
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    var int64: Int64? {
        guard let magnitude else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    var uint64: UInt64? { negative && !isZero ? nil : magnitude }
}
