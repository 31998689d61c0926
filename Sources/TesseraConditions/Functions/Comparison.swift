/// CEL ordering (`<`, `<=`, `>`, `>=`) as cel-go implements it: same-type comparisons,
/// mixed int/uint/double comparisons, and an error for NaN ("NaN values cannot be ordered").
enum Comparison {
    /// -1, 0 or 1 for numbers of any numeric kinds; `nil` if either is not a number or is NaN.
    static func numericOrder(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.uint(let a), .uint(let b)): return order(a, b)
        case (.double(let a), .double(let b)):
            guard !a.isNaN, !b.isNaN else { return nil }
            return order(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? -1 : order(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? 1 : order(a, UInt64(b))
        case (.int(let a), .double(let b)):
            guard !b.isNaN else { return nil }
            // cel-go compares through double once the double is within int64's range.
            if b < -9.223372036854775808e18 { return 1 }
            if b > 9.223372036854775807e18 { return -1 }
            return order(Double(a), b)
        case (.double, .int(_)):
            return numericOrder(rhs, lhs).map { -$0 }
        case (.uint(let a), .double(let b)):
            guard !b.isNaN else { return nil }
            if b < 0 { return 1 }
            if b > 1.8446744073709551615e19 { return -1 }
            return order(Double(a), b)
        case (.double, .uint(_)):
            return numericOrder(rhs, lhs).map { -$0 }
        default:
            return nil
        }
    }

    @inline(__always)
    static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a > b ? 1 : 0)
    }

    /// -1, 0 or 1; throws for NaN and for values that cannot be ordered against each other.
    static func compare(_ function: String, _ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Int {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            // Byte order of UTF-8 is code point order, which CEL specifies.
            if a.utf8.elementsEqual(b.utf8) { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.timestamp(let a), .timestamp(let b)): return order(a, b)
        case (.duration(let a), .duration(let b)): return order(a, b)
        case (.int, _), (.uint, _), (.double, _):
            if let result = numericOrder(lhs, rhs) { return result }
            if case .double(let a) = lhs, a.isNaN, rhs.isNumber { throw EvaluationError("NaN values cannot be ordered") }
            if case .double(let b) = rhs, b.isNaN, lhs.isNumber { throw EvaluationError("NaN values cannot be ordered") }
            throw .noSuchOverload(function, lhs, rhs)
        default:
            throw .noSuchOverload(function, lhs, rhs)
        }
    }
}

extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .uint, .double: true
        default: false
        }
    }
}
