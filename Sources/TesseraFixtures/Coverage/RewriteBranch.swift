public import TesseraModel

/// One branch of a relation's rewrite, the unit coverage counts: a directly related type
/// (`[user]`, `[group#member]`, `[user:*]`, `[user with cond]` each count alone), a computed
/// relation (`editor`) or a tuple-to-userset (`viewer from parent`). Branches under `and`
/// and `but not` count like any other: a `but not` branch is exercised when it excluded.
public struct RewriteBranch: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case direct(TypeRestriction)
        case computed(relation: String)
        case tupleToUserset(tupleset: String, computed: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The branch as the DSL writes it: `[group#member]`, `editor`, `viewer from parent`.
    public var label: String {
        switch kind {
        case .direct(let restriction): "[\(restriction.dslText)]"
        case .computed(let relation): relation
        case .tupleToUserset(let tupleset, let computed): "\(computed) from \(tupleset)"
        }
    }

    /// The rewrite that is this branch alone, and its direct types.
    var definition: (rewrite: Rewrite, types: [TypeRestriction]) {
        switch kind {
        case .direct(let restriction): (.direct(), [restriction])
        case .computed(let relation): (.computedUserset(relation: relation), [])
        case .tupleToUserset(let tupleset, let computed): (.tupleToUserset(tupleset: tupleset, computedRelation: computed), [])
        }
    }

    /// The branches of a relation, in source order, each once.
    public static func branches(of relation: RelationDefinition) -> [RewriteBranch] {
        var branches: [RewriteBranch] = []
        func visit(_ rewrite: Rewrite) {
            switch rewrite {
            case .direct:
                for restriction in relation.directlyRelatedTypes { branches.append(RewriteBranch(.direct(restriction))) }
            case .computedUserset(let computed, _):
                branches.append(RewriteBranch(.computed(relation: computed)))
            case .tupleToUserset(let tupleset, let computed, _):
                branches.append(RewriteBranch(.tupleToUserset(tupleset: tupleset, computed: computed)))
            case .union(let children), .intersection(let children):
                children.forEach(visit)
            case .exclusion(let base, let subtract):
                visit(base)
                visit(subtract)
            }
        }
        visit(relation.rewrite)
        var seen: Set<RewriteBranch> = []
        return branches.filter { seen.insert($0).inserted }
    }
}
