/// A condition compiled once per model: parsed and type-checked; evaluation never re-parses.
///
/// ```swift
/// let condition = try CompiledCondition(
///     name: "non_expired_grant",
///     expression: "current_time < grant_time + grant_duration",
///     parameters: ["current_time": .timestamp, "grant_time": .timestamp, "grant_duration": .duration]
/// )
/// let allowed = try condition.evaluate(context: [
///     "current_time": .string("2024-01-01T00:10:00Z"),
///     "grant_time": .string("2024-01-01T00:00:00Z"),
///     "grant_duration": .string("1h"),
/// ])
/// ```
public struct CompiledCondition: Sendable {
    public let name: String
    private let compiled: CompiledExpression

    /// Declared parameters by name.
    public var parameters: [String: ConditionType] { compiled.parameters }
    /// The expression's source text.
    public var expression: String { compiled.expression }

    /// Parses and type-checks `expression` against the declared parameters; the result type must be bool.
    ///
    /// - Throws: `ConditionError` (`.syntax` or `.type`, with the position) naming the problem
    ///   and the types involved.
    public init(name: String, expression: String, parameters: [String: ConditionType]) throws(ConditionError) {
        let compiled = try CompiledExpression(expression: expression, parameters: parameters)
        // OpenFGA requires the output type to be exactly bool (a `dyn` result is refused too).
        guard compiled.resultType == .bool else {
            throw ConditionError(
                code: .type,
                message: "expected a bool condition expression output, but got '\(compiled.resultType)'",
                position: 0
            )
        }
        self.name = name
        self.compiled = compiled
    }

    /// Evaluates with `context` (the merged context: request context, then tuple context over it — the caller merges).
    ///
    /// Context keys that are not parameters are ignored, except that a condition without any
    /// parameters refuses a non-empty context, as OpenFGA does. Missing parameters →
    /// `ConditionError` with code `.missingParameters` and the names. Conversion failure
    /// (`.invalidContext`), overflow, division by zero, bad regex (`.evaluation`), cost budget
    /// exceeded (`.costExceeded`) → `ConditionError`, never a trap.
    ///
    /// - Parameter overriding: a tuple's stored context, whose values win over `context` (the
    ///   request's), as OpenFGA merges them; passing both avoids building a merged copy.
    public func evaluate(context: JSONObject, overriding: JSONObject = [:], costBudget: Int = 100) throws(ConditionError) -> Bool {
        if compiled.parameters.isEmpty, !context.isEmpty || !overriding.isEmpty {
            throw ConditionError(code: .invalidContext, message: "condition '\(name)': no parameters defined for the condition")
        }
        let value = try compiled.evaluateValue(context: context, overriding: overriding, costBudget: costBudget)
        guard case .bool(let result) = value else {
            throw ConditionError(code: .evaluation, message: "condition '\(name)' produced \(value.typeName), not bool")
        }
        return result
    }

    /// Checks a context about to be stored with a tuple (see `CompiledExpression.validateStoredContext`).
    public func validateStoredContext(_ context: JSONObject) throws(ConditionError) {
        try compiled.validateStoredContext(context)
    }
}
