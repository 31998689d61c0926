/// One entry of a relation's direct type restrictions (OpenFGA's `RelationReference`):
/// `user`, `user:*`, `group#member`, or any of them `with` a condition.
public struct TypeRestriction: Sendable, Hashable {
    public var type: String
    /// Set for a userset restriction (`group#member`).
    public var relation: String?
    /// True for a public-access restriction (`user:*`).
    public var wildcard: Bool
    /// The condition a tuple of this shape must carry (`user with in_region`).
    public var condition: String?
    /// Where the restriction (`user`, `user:*`, `group#member`) appears in DSL source.
    public var range: SourceRange?
    /// Where the condition name after `with` appears in DSL source.
    public var conditionRange: SourceRange?

    public init(
        type: String,
        relation: String? = nil,
        wildcard: Bool = false,
        condition: String? = nil,
        range: SourceRange? = nil,
        conditionRange: SourceRange? = nil
    ) {
        self.type = type
        self.relation = relation
        self.wildcard = wildcard
        self.condition = condition
        self.range = range
        self.conditionRange = conditionRange
    }

    /// The restriction as the DSL writes it, without its condition: `user`, `user:*`, `group#member`.
    public var subjectText: String {
        if wildcard { return "\(type):*" }
        if let relation { return "\(type)#\(relation)" }
        return type
    }

    /// The restriction as the DSL writes it: `user`, `user:*`, `group#member with cond`.
    public var dslText: String {
        guard let condition else { return subjectText }
        return "\(subjectText) with \(condition)"
    }

    public static func == (lhs: TypeRestriction, rhs: TypeRestriction) -> Bool {
        lhs.type == rhs.type && lhs.relation == rhs.relation && lhs.wildcard == rhs.wildcard && lhs.condition == rhs.condition
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(relation)
        hasher.combine(wildcard)
        hasher.combine(condition)
    }
}
