/// What the type system knows about one relation: its rewrite and direct type restrictions.
public struct RelationInfo: Sendable {
    public let key: RelationKey
    public let rewrite: Rewrite
    /// The direct type restrictions; empty when the rewrite has no direct assignment.
    public let directlyRelatedTypes: [TypeRestriction]
    /// True when some `X from <this relation>` uses this relation as a tupleset.
    public internal(set) var isTupleset: Bool

    /// True when the restrictions accept a tuple whose user has the given shape and
    /// condition: the shape must match one restriction exactly (`user`, `user:*` or
    /// `group#member`) and that restriction must name the same condition (or none when the
    /// tuple has none).
    ///
    /// OpenFGA checks shape and condition separately (a `user:*` tuple with condition `c`
    /// passes if `user:*` and `user with c` are both listed); Tessera requires one
    /// restriction to match both, which refuses those mixed tuples (the pattern behind
    /// GHSA-2c64-vmv2-hgfc).
    public func allows(userType: Substring, userRelation: Substring?, wildcard: Bool, condition: String?) -> Bool {
        directlyRelatedTypes.contains { restriction in
            restriction.condition == condition
                && Self.restriction(restriction, admitsUserType: userType, userRelation: userRelation, wildcard: wildcard)
        }
    }

    /// True when some restriction (with any condition) accepts users of the given shape.
    public func allowsShape(userType: Substring, userRelation: Substring?, wildcard: Bool) -> Bool {
        directlyRelatedTypes.contains { restriction in
            Self.restriction(restriction, admitsUserType: userType, userRelation: userRelation, wildcard: wildcard)
        }
    }

    /// Whether one restriction names exactly this shape: `user`, `user:*` or `group#member`.
    private static func restriction(
        _ restriction: TypeRestriction, admitsUserType userType: Substring, userRelation: Substring?, wildcard: Bool
    ) -> Bool {
        guard restriction.type == userType else { return false }
        if wildcard { return restriction.wildcard }
        if let userRelation { return restriction.relation.map { $0 == userRelation } ?? false }
        return !restriction.wildcard && restriction.relation == nil
    }
}
