/// The `tuple_key` of a Read request. Empty strings mean "not given", as protojson does.
///
/// OpenFGA's rules: with no field set, every tuple matches. Otherwise the object type is
/// required (`document:` or `document:1`), and the object id and the user cannot both be
/// empty. `relation` narrows either way.
public struct TupleFilter: Sendable, Hashable {
    public var object: String
    public var relation: String
    public var user: String

    public init(object: String = "", relation: String = "", user: String = "") {
        self.object = object
        self.relation = relation
        self.user = user
    }

    /// True when no field is set (read everything).
    public var isEmpty: Bool { object.isEmpty && relation.isEmpty && user.isEmpty }
}
