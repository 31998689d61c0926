/// A CEL expression of any result type, parsed, type-checked and compiled once.
///
/// `CompiledCondition` is the bool-only form the engine uses; this one also serves
/// `tessera condition eval`, which prints values of every type.
///
/// ```swift
/// let expression = try CompiledExpression(expression: "size(ips) + 1", parameters: ["ips": .list(.ipAddress)])
/// let value = try expression.evaluate(context: ["ips": .array([.string("10.0.0.1")])])
/// print(value.jsonText)   // {"type":"int","value":2}
/// ```
public struct CompiledExpression: Sendable {
    /// The source text.
    public let expression: String
    /// Declared parameters by name.
    public let parameters: [String: ConditionType]
    /// The static result type in DSL spelling (`bool`, `list<int>`, `any` when only known at runtime).
    public var resultTypeName: String { resultType.description }

    let resultType: CheckedType
    private let root: Evaluation
    /// Parameters sorted by name; a parameter's index is its slot.
    private let orderedParameters: [(name: String, type: ConditionType)]
    private let slotCount: Int
    private let firstUse: [String: Int]

    /// Parses, type-checks and compiles `expression` against `parameters`.
    ///
    /// - Throws: `ConditionError` with code `.syntax` or `.type` and the position of the problem.
    public init(expression: String, parameters: [String: ConditionType]) throws(ConditionError) {
        let parsed = try Parser.parse(expression)
        var checker = TypeChecker(parameters: parameters)
        resultType = try checker.check(parsed)
        orderedParameters = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var slots: [String: Int] = [:]
        for (index, parameter) in orderedParameters.enumerated() { slots[parameter.name] = index }
        var compiler = Compiler(parameterSlots: slots)
        root = try compiler.compile(parsed).evaluate
        slotCount = compiler.slotCount
        firstUse = compiler.firstUse
        self.expression = expression
        self.parameters = parameters
    }

    /// Evaluates with `context`, whose values are converted to the parameters' types.
    ///
    /// Context keys that are not parameters are ignored. A context value that does not
    /// convert is `.invalidContext`; absent parameters are `.missingParameters` (checked
    /// after conversion, as OpenFGA does); failures while evaluating are `.evaluation`
    /// and `.costExceeded`.
    public func evaluate(context: JSONObject, costBudget: Int = 100) throws(ConditionError) -> ConditionValue {
        ConditionValue(try evaluateValue(context: context, costBudget: costBudget), staticType: resultType)
    }

    /// - Parameter overriding: values that take precedence over `context` (a tuple's stored
    ///   context over the request's), read without merging the two.
    func evaluateValue(context: JSONObject, overriding: JSONObject = [:], costBudget: Int) throws(ConditionError) -> Value {
        let outcome = withUnsafeTemporaryAllocation(of: Value.self, capacity: slotCount) { slots in
            slots.initialize(repeating: .null)
            defer { _ = slots.deinitialize() }
            return evaluate(context: context, overriding: overriding, costBudget: costBudget, slots: slots)
        }
        return try outcome.get()
    }

    /// Checks a context stored with a tuple: every key must be a parameter and every value
    /// must convert to the parameter's type (OpenFGA refuses such writes).
    public func validateStoredContext(_ context: JSONObject) throws(ConditionError) {
        for (key, json) in context.sorted(by: { $0.key < $1.key }) {
            guard let type = parameters[key] else {
                throw ConditionError(code: .invalidContext, message: "found invalid context parameter: \(key)")
            }
            do throws(ConversionFailure) {
                _ = try ContextConverter.convert(json, to: type)
            } catch {
                throw ConditionError(code: .invalidContext, message: "failed to convert context parameter '\(key)': \(error.message)")
            }
        }
    }

    private func evaluate(
        context: JSONObject, overriding: JSONObject, costBudget: Int, slots: UnsafeMutableBufferPointer<Value>
    ) -> Result<Value, ConditionError> {
        var missing: [String] = []
        for (index, parameter) in orderedParameters.enumerated() {
            guard let json = overriding[parameter.name] ?? context[parameter.name] else {
                missing.append(parameter.name)
                continue
            }
            do throws(ConversionFailure) {
                slots[index] = try ContextConverter.convert(json, to: parameter.type)
            } catch {
                return .failure(ConditionError(
                    code: .invalidContext,
                    message: "failed to convert context parameter '\(parameter.name)': \(error.message)",
                    position: firstUse[parameter.name]
                ))
            }
        }
        if !missing.isEmpty {
            return .failure(ConditionError(
                code: .missingParameters,
                message: "context is missing parameters '[\(missing.joined(separator: " "))]'",
                position: missing.compactMap { firstUse[$0] }.min(),
                missingParameters: missing
            ))
        }
        var activation = Activation(slots: slots, budget: costBudget)
        do throws(EvaluationError) {
            return .success(try root(&activation))
        } catch {
            return .failure(error.conditionError)
        }
    }
}
