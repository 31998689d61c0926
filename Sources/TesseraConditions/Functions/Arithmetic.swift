/// CEL arithmetic with cel-go's overflow rules: int and uint operations that overflow are
/// errors, as are division or modulus by zero; doubles follow IEEE 754; timestamps and
/// durations must stay in range.
enum Arithmetic {
    static func add(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            if overflow { throw .integerOverflow }
            return .int(sum)
        case (.uint(let a), .uint(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            if overflow { throw .unsignedOverflow }
            return .uint(sum)
        case (.double(let a), .double(let b)):
            return .double(a + b)
        case (.string(let a), .string(let b)):
            return .string(a + b)
        case (.list(let a), .list(let b)):
            return .list(a + b)
        case (.duration(let a), .duration(let b)):
            let (sum, overflow) = a.nanoseconds.addingReportingOverflow(b.nanoseconds)
            if overflow { throw .integerOverflow }
            return .duration(DurationValue(nanoseconds: sum))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            guard let result = t.adding(d) else { throw .timestampOverflow }
            return .timestamp(result)
        default:
            throw .noSuchOverload("_+_", lhs, rhs)
        }
    }

    static func subtract(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if overflow { throw .integerOverflow }
            return .int(difference)
        case (.uint(let a), .uint(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if overflow { throw .unsignedOverflow }
            return .uint(difference)
        case (.double(let a), .double(let b)):
            return .double(a - b)
        case (.duration(let a), .duration(let b)):
            let (difference, overflow) = a.nanoseconds.subtractingReportingOverflow(b.nanoseconds)
            if overflow { throw .integerOverflow }
            return .duration(DurationValue(nanoseconds: difference))
        case (.timestamp(let a), .timestamp(let b)):
            guard let duration = a.subtracting(b) else { throw .integerOverflow }
            return .duration(duration)
        case (.timestamp(let t), .duration(let d)):
            guard d.nanoseconds != .min else { throw .integerOverflow }
            guard let result = t.adding(DurationValue(nanoseconds: -d.nanoseconds)) else { throw .timestampOverflow }
            return .timestamp(result)
        default:
            throw .noSuchOverload("_-_", lhs, rhs)
        }
    }

    static func multiply(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw .integerOverflow }
            return .int(product)
        case (.uint(let a), .uint(let b)):
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw .unsignedOverflow }
            return .uint(product)
        case (.double(let a), .double(let b)):
            return .double(a * b)
        default:
            throw .noSuchOverload("_*_", lhs, rhs)
        }
    }

    static func divide(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw .divisionByZero }
            if a == .min, b == -1 { throw .integerOverflow }
            return .int(a / b)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw .divisionByZero }
            return .uint(a / b)
        case (.double(let a), .double(let b)):
            return .double(a / b)
        default:
            throw .noSuchOverload("_/_", lhs, rhs)
        }
    }

    static func modulo(_ lhs: Value, _ rhs: Value) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw .modulusByZero }
            if a == .min, b == -1 { throw .integerOverflow }
            return .int(a % b)
        case (.uint(let a), .uint(let b)):
            if b == 0 { throw .modulusByZero }
            return .uint(a % b)
        default:
            throw .noSuchOverload("_%_", lhs, rhs)
        }
    }

    static func negate(_ operand: Value) throws(EvaluationError) -> Value {
        switch operand {
        case .int(let a):
            if a == .min { throw .integerOverflow }
            return .int(-a)
        case .double(let a):
            return .double(-a)
        default:
            throw .noSuchOverload("-_", operand)
        }
    }
}
