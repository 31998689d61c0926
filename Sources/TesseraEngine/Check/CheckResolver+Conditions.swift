import TesseraConditions
import TesseraModel

extension CheckResolver {
    /// Whether a tuple's condition holds in this request: allowed for an unconditional
    /// tuple, otherwise the condition evaluated over the request context with the tuple's
    /// stored context taking precedence (OpenFGA's merge order). Evaluation errors, missing
    /// parameters included, are `validation_error`s that an `or` may still absorb.
    func conditionHolds(_ tuple: TupleKey) -> CheckDecision {
        guard let condition = tuple.condition else { return .allowed }
        switch typeSystem.compiledCondition(named: condition.name) {
        case .success(let compiled)?:
            do {
                let holds = try compiled.evaluate(context: context, overriding: condition.context, costBudget: conditionCostBudget)
                return holds ? .allowed : .denied
            } catch {
                return .failed(Self.evaluationError(error, tuple: tuple))
            }
        case .failure(let error)?:
            return .failed(EngineError(.validationError, "condition '\(condition.name)' does not compile: \(error.message)"))
        case nil:
            // Unreachable for tuples that passed validation (the model names the condition).
            return .denied
        }
    }

    static func evaluationError(_ error: ConditionError, tuple: TupleKey) -> EngineError {
        if error.code == .missingParameters {
            let names = error.missingParameters.joined(separator: " ")
            return EngineError(.validationError, "tuple '\(tuple)' is missing context parameters '[\(names)]'")
        }
        return EngineError(
            .validationError, "failed to evaluate relationship condition '\(tuple.condition?.name ?? "")' on tuple '\(tuple)': \(error.message)")
    }
}
