/// Lint: a relation lists each type restriction once (`[user, user]`), and an operator of a
/// relation's definition does not repeat an operand (`viewer or viewer`, `a from p but not a
/// from p`). OpenFGA's server accepts both; its language tooling refuses them. Like that
/// tooling, only the top-level operator's direct operands are compared.
struct RedundancyRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var findings: [ModelDiagnostic] = []
        for site in context.relationSites {
            let relation = site.relation
            var restrictions: Set<String> = []
            for (offset, restriction) in relation.directlyRelatedTypes.enumerated() where !restrictions.insert(restriction.dslText).inserted {
                findings.append(
                    context.diagnostic(
                        .duplicated, "the type restriction `\(restriction.dslText)` is a duplicate in the relation `\(relation.name)`.",
                        range: restriction.range, path: ValidationContext.restrictionPath(site.typeOffset, relation.name, offset),
                        symbol: restriction.dslText))
            }
            let operands: [(rewrite: Rewrite, path: String)]
            switch relation.rewrite {
            case .union(let children):
                operands = children.enumerated().map { ($0.element, "\(site.path).union.child[\($0.offset)]") }
            case .intersection(let children):
                operands = children.enumerated().map { ($0.element, "\(site.path).intersection.child[\($0.offset)]") }
            case .exclusion(let base, let subtract):
                operands = [(base, "\(site.path).difference.base"), (subtract, "\(site.path).difference.subtract")]
            default:
                operands = []
            }
            var seen: Set<String> = []
            for (operand, path) in operands {
                guard let text = operand.leafText, !seen.insert(text).inserted else { continue }
                findings.append(
                    context.diagnostic(
                        .duplicated, "the partial relation definition `\(text)` is a duplicate in the relation `\(relation.name)`.",
                        range: operand.leafRange, path: path, symbol: text))
            }
        }
        return findings
    }
}
