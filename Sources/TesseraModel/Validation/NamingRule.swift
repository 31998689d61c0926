/// Names must match the API's patterns (`openfga-api.md` §1.2): types `^[^:#@\s]{1,254}$`,
/// relations, conditions and parameters `^[^:#@\s]{1,50}$`, lengths in Unicode scalars and
/// `\s` as Go's regular expressions read it (tab, line feed, form feed, carriage return,
/// space). `self` and `this` are reserved for types and relations. At lint level type and
/// relation names may not contain `*` either, as OpenFGA's language tooling requires.
struct NamingRule: ModelRule {
    static let reservedNames: Set<String> = ["self", "this"]

    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        let strict = context.level == .lint
        var findings: [ModelDiagnostic] = []
        for (offset, type) in context.model.typeDefinitions.enumerated() {
            let path = ValidationContext.typePath(offset)
            if Self.reservedNames.contains(type.name) {
                findings.append(
                    context.diagnostic(
                        .reservedTypeKeywords, "a type cannot be named 'self' or 'this'.", range: type.range, path: path, symbol: type.name))
            }
            if let rule = Self.violatedRule(type.name, maxLength: 254, forbidStar: strict) {
                findings.append(
                    context.diagnostic(
                        .invalidName, "type '\(type.name)' does not match naming rule: '\(rule)'.", range: type.range, path: path,
                        symbol: type.name))
            }
            for relation in type.relations {
                let relationPath = ValidationContext.relationPath(offset, relation.name)
                if Self.reservedNames.contains(relation.name) {
                    findings.append(
                        context.diagnostic(
                            .reservedRelationKeywords, "a relation cannot be named 'self' or 'this'.", range: relation.range,
                            path: relationPath, symbol: relation.name))
                } else if let rule = Self.violatedRule(relation.name, maxLength: 50, forbidStar: strict) {
                    findings.append(
                        context.diagnostic(
                            .invalidName, "relation '\(relation.name)' of type '\(type.name)' does not match naming rule: '\(rule)'.",
                            range: relation.range, path: relationPath, symbol: relation.name))
                }
            }
        }
        for condition in context.model.conditions {
            let path = ValidationContext.conditionPath(condition.name)
            if let rule = Self.violatedRule(condition.name, maxLength: 50, forbidStar: false) {
                findings.append(
                    context.diagnostic(
                        .invalidName, "condition '\(condition.name)' does not match naming rule: '\(rule)'.", range: condition.range,
                        path: path, symbol: condition.name))
            }
            for parameter in condition.parameters {
                if let rule = Self.violatedRule(parameter.name, maxLength: 50, forbidStar: false) {
                    findings.append(
                        context.diagnostic(
                            .invalidName,
                            "parameter '\(parameter.name)' of condition '\(condition.name)' does not match naming rule: '\(rule)'.",
                            range: parameter.range, path: "\(path).parameters.\(parameter.name)", symbol: parameter.name))
                }
            }
        }
        return findings
    }

    /// The pattern `name` breaks, spelled as OpenFGA spells it, or `nil` when it complies.
    static func violatedRule(_ name: String, maxLength: Int, forbidStar: Bool) -> String? {
        let rule = forbidStar ? "^[^:#@\\*\\s]{1,\(maxLength)}$" : "^[^:#@\\s]{1,\(maxLength)}$"
        let scalars = name.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= maxLength else { return rule }
        let forbidden: Set<Unicode.Scalar> = forbidStar ? Self.forbidden.union(["*"]) : Self.forbidden
        return scalars.contains(where: forbidden.contains) ? rule : nil
    }

    /// `:`, `#`, `@` and Go's `\s`.
    private static let forbidden: Set<Unicode.Scalar> = [":", "#", "@", "\t", "\n", "\u{0C}", "\r", " "]
}
