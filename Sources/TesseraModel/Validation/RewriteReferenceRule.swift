/// The relations a rewrite names exist, and `X from Y` follows OpenFGA's tupleset rules
/// (`isUsersetRewriteValid`): `Y` is a relation of the same type that only assigns directly,
/// to plain types (no `type:*`, no `type#relation`), and `X` is a relation of at least one of
/// those types. A relation may not name itself as a computed relation (`viewer: [user] or
/// viewer`), which OpenFGA's server refuses as an invalid rewrite.
struct RewriteReferenceRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var findings: [ModelDiagnostic] = []
        for site in context.relationSites {
            for (leaf, path) in ValidationContext.leaves(of: site.relation.rewrite, at: site.path) {
                switch leaf {
                case .computedUserset(let name, let range):
                    if context.relation(site.type.name, name) == nil {
                        findings.append(
                            context.diagnostic(.missingDefinition, "the relation `\(name)` does not exist.", range: range, path: path, symbol: name))
                    } else if name == site.relation.name {
                        findings.append(
                            context.diagnostic(
                                .invalidRewrite,
                                "`\(name)` of type `\(site.type.name)` refers to itself in its own definition (an invalid userset rewrite)",
                                range: range, path: path, symbol: name))
                    }
                case .tupleToUserset(let tupleset, let computed, _):
                    findings += check(tupleset: tupleset, computed: computed, leaf: leaf, site: site, path: path, in: context)
                case .direct, .union, .intersection, .exclusion:
                    break
                }
            }
        }
        return findings
    }

    private func check(
        tupleset: String, computed: String, leaf: Rewrite, site: ValidationContext.RelationSite, path: String, in context: ValidationContext
    ) -> [ModelDiagnostic] {
        let typeName = site.type.name
        let symbol = leaf.leafText
        guard let tuplesetRelation = context.relation(typeName, tupleset) else {
            return [
                context.diagnostic(
                    .invalidRelationType, "`\(tupleset)` is not a valid relation for `\(typeName)`.", range: leaf.leafRange,
                    path: "\(path).tupleset", symbol: symbol)
            ]
        }
        let restrictions = tuplesetRelation.directlyRelatedTypes
        guard case .direct = tuplesetRelation.rewrite, !restrictions.contains(where: { $0.wildcard || $0.relation != nil }) else {
            return [
                context.diagnostic(
                    .tuplesetNotDirect, "`\(tupleset)` relation used inside from allows only direct relation.",
                    range: leaf.tuplesetRange ?? leaf.leafRange, path: "\(path).tupleset", symbol: tupleset)
            ]
        }
        guard !restrictions.contains(where: { context.relation($0.type, computed) != nil }) else { return [] }
        var seen: Set<String> = []
        let types = restrictions.map(\.type).filter { seen.insert($0).inserted }
        guard !types.isEmpty else {
            return [
                context.diagnostic(
                    .invalidRelationOnTupleset,
                    "the `\(computed)` relation definition on type `\(typeName)` is not valid: `\(tupleset)` lists no types.",
                    range: leaf.leafRange, path: path, symbol: symbol)
            ]
        }
        return types.map { relatedType in
            context.diagnostic(
                .invalidRelationOnTupleset,
                "the `\(computed)` relation definition on type `\(typeName)` is not valid: "
                    + "`\(computed)` does not exist on `\(tupleset)`, which is of type `\(relatedType)`.",
                range: leaf.leafRange, path: path, symbol: symbol)
        }
    }
}
