/// The size limits of ``ModelLimits`` and, at server level, the API's rule that a model has at
/// least one type definition (OpenFGA's tools accept a model of only a schema line; its API
/// does not).
struct LimitRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        let model = context.model
        let limits = context.limits
        var findings: [ModelDiagnostic] = []
        if context.level == .server, model.typeDefinitions.isEmpty {
            findings.append(
                context.diagnostic(
                    .limitExceeded, "a model needs at least one type definition (type_definitions must contain at least 1 item)",
                    range: model.schemaVersionRange, path: "type_definitions"))
        }
        if model.typeDefinitions.count > limits.maxTypes {
            let first = model.typeDefinitions.dropFirst(max(0, limits.maxTypes)).first
            findings.append(
                context.diagnostic(
                    .limitExceeded,
                    "the model has \(model.typeDefinitions.count) type definitions; at most \(limits.maxTypes) are allowed",
                    range: first?.range, path: ValidationContext.typePath(limits.maxTypes)))
        }
        let size = model.protobufSize
        if size > limits.maxSizeBytes {
            findings.append(
                context.diagnostic(
                    .limitExceeded,
                    "the model is \(size) bytes in its protobuf encoding; at most \(limits.maxSizeBytes) bytes are allowed",
                    range: model.schemaVersionRange, path: "type_definitions"))
        }
        if model.conditions.count > limits.maxConditions {
            let first = model.conditions.dropFirst(max(0, limits.maxConditions)).first
            findings.append(
                context.diagnostic(
                    .limitExceeded, "the model has \(model.conditions.count) conditions; at most \(limits.maxConditions) are allowed",
                    range: first?.range, path: "conditions", symbol: first?.name))
        }
        for condition in model.conditions {
            let path = ValidationContext.conditionPath(condition.name)
            if condition.parameters.count > limits.maxConditionParameters {
                findings.append(
                    context.diagnostic(
                        .limitExceeded,
                        "condition `\(condition.name)` has \(condition.parameters.count) parameters; "
                            + "at most \(limits.maxConditionParameters) are allowed",
                        range: condition.range, path: "\(path).parameters", symbol: condition.name))
            }
            let bytes = condition.expression.utf8.count
            if bytes > limits.maxExpressionBytes {
                findings.append(
                    context.diagnostic(
                        .limitExceeded,
                        "the expression of condition `\(condition.name)` is \(bytes) bytes; at most \(limits.maxExpressionBytes) are allowed",
                        range: condition.expressionRange ?? condition.range, path: "\(path).expression", symbol: condition.name))
            }
        }
        return findings
    }
}
