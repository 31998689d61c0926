/// A condition has an expression (an empty one cannot compile) and, at lint level, is used by
/// some type restriction, as OpenFGA's language tooling requires (its server accepts unused
/// conditions).
///
/// Expressions are compiled and type-checked by the conditions module, not here.
struct ConditionUsageRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var used: Set<String> = []
        for type in context.model.typeDefinitions {
            for relation in type.relations {
                for restriction in relation.directlyRelatedTypes {
                    if let condition = restriction.condition { used.insert(condition) }
                }
            }
        }
        var findings: [ModelDiagnostic] = []
        for condition in context.model.conditions {
            let path = ValidationContext.conditionPath(condition.name)
            if condition.expression.allSatisfy(\.isWhitespace) {
                findings.append(
                    context.diagnostic(
                        .invalidCondition, "the expression of condition `\(condition.name)` is empty.",
                        range: condition.expressionRange ?? condition.range, path: "\(path).expression", symbol: condition.name))
            }
            if context.level == .lint, !used.contains(condition.name) {
                findings.append(
                    context.diagnostic(
                        .conditionNotUsed, "`\(condition.name)` condition is not used in the model.", range: condition.range, path: path,
                        symbol: condition.name))
            }
        }
        return findings
    }
}
