import TesseraConditions

extension TypeSystem {
    /// Compiles every condition of the model (parse and type-check its expression against
    /// its parameters), keeping each outcome.
    static func compileConditions(of model: AuthorizationModel) -> [String: Result<CompiledCondition, ConditionError>] {
        var compiled: [String: Result<CompiledCondition, ConditionError>] = [:]
        for condition in model.conditions where compiled[condition.name] == nil {
            var parameters: [String: ConditionType] = [:]
            for parameter in condition.parameters { parameters[parameter.name] = parameter.type }
            do {
                compiled[condition.name] = .success(
                    try CompiledCondition(name: condition.name, expression: condition.expression, parameters: parameters))
            } catch {
                compiled[condition.name] = .failure(error)
            }
        }
        return compiled
    }

    /// The conditions of `model` whose expressions do not compile, as diagnostics (a model
    /// write refuses them, as OpenFGA does).
    public static func conditionDiagnostics(for model: AuthorizationModel) -> [ModelDiagnostic] {
        let compiled = compileConditions(of: model)
        return model.conditions.compactMap { condition in
            guard case .failure(let error)? = compiled[condition.name] else { return nil }
            var range = condition.expressionRange ?? condition.range
            if let start = condition.expressionRange, let offset = error.position {
                range = Self.position(offset: offset, in: condition.expression, from: start)
            }
            return ModelDiagnostic(
                kind: .invalidCondition, message: "condition '\(condition.name)' is invalid: \(error.message)", range: range,
                symbol: condition.name, path: condition.expressionRange == nil ? "conditions.\(condition.name).expression" : nil)
        }
    }

    /// The source position `offset` code points into an expression that starts at `start`.
    static func position(offset: Int, in expression: String, from start: SourceRange) -> SourceRange {
        var line = start.line
        var column = start.column
        for scalar in expression.unicodeScalars.prefix(offset) {
            if scalar == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return SourceRange(line: line, column: column, length: 1, file: start.file)
    }
}
