/// One relation of a type: its rewrite rule and, when the rule assigns directly, the types
/// of users that may be assigned (`define viewer: [user, group#member] or editor`).
public struct RelationDefinition: Sendable, Equatable {
    public var name: String
    public var rewrite: Rewrite
    /// The type restrictions of the direct assignment (`[user, user:*, group#member]`).
    /// Empty when the rewrite has no `this`.
    public var directlyRelatedTypes: [TypeRestriction]
    /// Set when the relation was added by an `extend type` in another module.
    public var module: ModuleSource?
    /// Where the relation's name appears in DSL source.
    public var range: SourceRange?

    public init(
        name: String,
        rewrite: Rewrite,
        directlyRelatedTypes: [TypeRestriction] = [],
        module: ModuleSource? = nil,
        range: SourceRange? = nil
    ) {
        self.name = name
        self.rewrite = rewrite
        self.directlyRelatedTypes = directlyRelatedTypes
        self.module = module
        self.range = range
    }

    /// Equality compares content only: source ranges are annotations.
    public static func == (lhs: RelationDefinition, rhs: RelationDefinition) -> Bool {
        lhs.name == rhs.name && lhs.rewrite == rhs.rewrite && lhs.directlyRelatedTypes == rhs.directlyRelatedTypes && lhs.module == rhs.module
    }
}
