/// The direct type restrictions of a relation (`[user, user:*, group#member, user with c]`)
/// name existing types, relations and conditions, and a relation lists restrictions exactly
/// when its rewrite assigns directly (OpenFGA's `validateTypeRestrictions`).
struct TypeRestrictionRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var findings: [ModelDiagnostic] = []
        for site in context.relationSites {
            let relation = site.relation
            let assignable = relation.rewrite.containsDirect
            if assignable, relation.directlyRelatedTypes.isEmpty {
                findings.append(
                    context.diagnostic(
                        .assignableRelationMustHaveType,
                        "the assignable relation `\(relation.name)` of type `\(site.type.name)` must list at least one type it may be assigned",
                        range: relation.range, path: site.path, symbol: relation.name))
            }
            if !assignable, !relation.directlyRelatedTypes.isEmpty {
                findings.append(
                    context.diagnostic(
                        .invalidRelationType,
                        "the relation `\(relation.name)` of type `\(site.type.name)` is not assignable but lists types it may be assigned",
                        range: relation.range, path: site.path, symbol: relation.name))
            }
            for (offset, restriction) in relation.directlyRelatedTypes.enumerated() {
                let path = ValidationContext.restrictionPath(site.typeOffset, relation.name, offset)
                findings += check(restriction, at: path, in: context)
            }
        }
        return findings
    }

    private func check(_ restriction: TypeRestriction, at path: String, in context: ValidationContext) -> [ModelDiagnostic] {
        var findings: [ModelDiagnostic] = []
        if !context.typeExists(restriction.type) {
            findings.append(
                context.diagnostic(
                    .invalidType, "`\(restriction.type)` is not a valid type.", range: restriction.range, path: "\(path).type",
                    symbol: restriction.type))
        } else if let relation = restriction.relation, context.relation(restriction.type, relation) == nil {
            findings.append(
                context.diagnostic(
                    .invalidRelationType, "`\(relation)` is not a valid relation for `\(restriction.type)`.", range: restriction.range,
                    path: "\(path).relation", symbol: restriction.subjectText))
        }
        if let condition = restriction.condition, !context.conditionNames.contains(condition) {
            findings.append(
                context.diagnostic(
                    .conditionNotDefined, "`\(condition)` is not a defined condition in the model.",
                    range: restriction.conditionRange ?? restriction.range, path: "\(path).condition", symbol: condition))
        }
        return findings
    }
}
