/// A relation's rewrite rule (OpenFGA's `Userset`): how the set of users with a relation on
/// an object is computed.
/// Equality compares meaning only: source ranges are annotations, not content.
public indirect enum Rewrite: Sendable, Equatable {
    /// Users assigned directly by tuples (`[user, group#member]`; JSON `this`).
    case direct(range: SourceRange? = nil)
    /// Users with another relation on the same object (`viewer: editor`).
    case computedUserset(relation: String, range: SourceRange? = nil)
    /// Users with `computedRelation` on the objects related through `tupleset`
    /// (`viewer from parent`: tupleset `parent`, computed relation `viewer`).
    case tupleToUserset(tupleset: String, computedRelation: String, range: SourceRange? = nil)
    /// Users in any child (`or`).
    case union([Rewrite])
    /// Users in every child (`and`).
    case intersection([Rewrite])
    /// Users in `base` who are not in `subtract` (`but not`).
    case exclusion(base: Rewrite, subtract: Rewrite)

    /// True when this rule is, or contains, a direct assignment.
    public var containsDirect: Bool {
        switch self {
        case .direct: true
        case .computedUserset, .tupleToUserset: false
        case .union(let children), .intersection(let children): children.contains { $0.containsDirect }
        case .exclusion(let base, let subtract): base.containsDirect || subtract.containsDirect
        }
    }

    /// Calls `visit` on this rule and every rule nested in it, parents before children.
    public func forEach(_ visit: (Rewrite) throws -> Void) rethrows {
        try visit(self)
        switch self {
        case .direct, .computedUserset, .tupleToUserset: break
        case .union(let children), .intersection(let children):
            for child in children { try child.forEach(visit) }
        case .exclusion(let base, let subtract):
            try base.forEach(visit)
            try subtract.forEach(visit)
        }
    }

    /// Calls `visit` for every leaf that can make the rule true: every direct, computed
    /// and tuple-to-userset leaf except those on the subtracted side of an exclusion.
    public func forEachPositiveLeaf(_ visit: (Rewrite) throws -> Void) rethrows {
        switch self {
        case .direct, .computedUserset, .tupleToUserset: try visit(self)
        case .union(let children), .intersection(let children):
            for child in children { try child.forEachPositiveLeaf(visit) }
        case .exclusion(let base, _): try base.forEachPositiveLeaf(visit)
        }
    }

    public static func == (lhs: Rewrite, rhs: Rewrite) -> Bool {
        switch (lhs, rhs) {
        case (.direct, .direct): true
        case (.computedUserset(let a, _), .computedUserset(let b, _)): a == b
        case (.tupleToUserset(let t1, let c1, _), .tupleToUserset(let t2, let c2, _)): t1 == t2 && c1 == c2
        case (.union(let a), .union(let b)), (.intersection(let a), .intersection(let b)): a == b
        case (.exclusion(let b1, let s1), .exclusion(let b2, let s2)): b1 == b2 && s1 == s2
        default: false
        }
    }
}

extension Rewrite {
    /// How many levels a rewrite may have, counting operators and the leaves below them
    /// (`a or (b and c)` has three). OpenFGA sets no bound; Tessera sets one far beyond real
    /// models so that hostile input cannot exhaust the stack of the parser or of the recursive
    /// walks over a rewrite. The DSL parser and the JSON reader both enforce it.
    public static let maximumNestingDepth = 50
}
