/// A relation of a type: `document#viewer`.
public struct RelationKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var type: String
    public var relation: String

    public init(_ type: String, _ relation: String) {
        self.type = type
        self.relation = relation
    }

    public var description: String { "\(type)#\(relation)" }

    public static func < (lhs: RelationKey, rhs: RelationKey) -> Bool {
        (lhs.type, lhs.relation) < (rhs.type, rhs.relation)
    }
}
