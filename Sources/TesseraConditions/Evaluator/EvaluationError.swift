/// An error raised while evaluating: CEL's error values, carried by typed throws.
///
/// `&&`, `||` and the `all` / `exists` macros catch these to apply CEL's commutative
/// error rules; a cost-budget error is never absorbed and ends evaluation.
struct EvaluationError: Error, Sendable {
    enum Kind: Sendable {
        case evaluation
        case costExceeded
    }

    var kind: Kind
    var message: String
    /// Set by the innermost compiled node that knows where it is.
    var position: Int?

    init(_ message: String, kind: Kind = .evaluation, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    static func noSuchOverload(_ function: String, _ values: Value...) -> EvaluationError {
        let types = values.map(\.typeName).joined(separator: ", ")
        return EvaluationError("no such overload: \(FunctionDeclarations.displayName(function)) applied to (\(types))")
    }

    static let integerOverflow = EvaluationError("integer overflow")
    static let unsignedOverflow = EvaluationError("unsigned integer overflow")
    static let divisionByZero = EvaluationError("division by zero")
    static let modulusByZero = EvaluationError("modulus by zero")
    static let timestampOverflow = EvaluationError("timestamp overflow")
    static let durationOverflow = EvaluationError("duration overflow")

    var conditionError: ConditionError {
        ConditionError(code: kind == .costExceeded ? .costExceeded : .evaluation, message: message, position: position)
    }
}

/// The state of one evaluation: variable slots (parameters, then comprehension variables)
/// and the cost spent so far.
///
/// The slots live in a temporary (stack) allocation made by `CompiledExpression` for the
/// duration of one evaluation, so evaluating allocates nothing for them. Slot indices come
/// from the compiler, which sizes the allocation, so every index is in bounds.
struct Activation {
    let slots: UnsafeMutableBufferPointer<Value>
    var cost = 0
    let budget: Int

    init(slots: UnsafeMutableBufferPointer<Value>, budget: Int) {
        self.slots = slots
        self.budget = budget
    }

    /// Charges `units` of cost; fails once the total exceeds the budget (cel-go's rule).
    @inline(__always)
    mutating func charge(_ units: Int) throws(EvaluationError) {
        cost &+= units
        if cost > budget {
            throw EvaluationError("operation cancelled: actual cost limit exceeded (\(budget))", kind: .costExceeded)
        }
    }
}
