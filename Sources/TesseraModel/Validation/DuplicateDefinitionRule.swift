/// Names are unique where OpenFGA keys by them: types in a model, relations in a type,
/// conditions in a model, parameters in a condition.
///
/// A duplicate type is reported at its first definition, as OpenFGA's language tooling does,
/// with the place of the repetition in the message.
struct DuplicateDefinitionRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var findings: [ModelDiagnostic] = []
        var firstDefinition: [String: (offset: Int, type: TypeDefinition)] = [:]
        var reported: Set<String> = []
        for (offset, type) in context.model.typeDefinitions.enumerated() {
            guard let (first, original) = firstDefinition[type.name] else {
                firstDefinition[type.name] = (offset, type)
                continue
            }
            guard reported.insert(type.name).inserted else { continue }
            let again = ValidationContext.place(type.range, path: ValidationContext.typePath(offset))
            findings.append(
                context.diagnostic(
                    .duplicated, "the type `\(type.name)` is a duplicate (defined again at \(again)).", range: original.range,
                    path: ValidationContext.typePath(first), symbol: type.name))
        }
        for (offset, type) in context.model.typeDefinitions.enumerated() {
            var names: Set<String> = []
            for relation in type.relations where !names.insert(relation.name).inserted {
                findings.append(
                    context.diagnostic(
                        .duplicated, "'\(relation.name)' is already defined in '\(type.name)'", range: relation.range,
                        path: ValidationContext.relationPath(offset, relation.name), symbol: relation.name))
            }
        }
        var conditionNames: Set<String> = []
        for condition in context.model.conditions {
            let path = ValidationContext.conditionPath(condition.name)
            if !conditionNames.insert(condition.name).inserted {
                findings.append(
                    context.diagnostic(
                        .duplicated, "condition '\(condition.name)' is already defined in the model", range: condition.range, path: path,
                        symbol: condition.name))
            }
            var parameterNames: Set<String> = []
            for parameter in condition.parameters where !parameterNames.insert(parameter.name).inserted {
                findings.append(
                    context.diagnostic(
                        .duplicated, "parameter '\(parameter.name)' is already defined in the condition '\(condition.name)'",
                        range: parameter.range, path: "\(path).parameters.\(parameter.name)", symbol: parameter.name))
            }
        }
        return findings
    }
}
