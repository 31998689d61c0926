/// The shape of a user as the type system sees it: a concrete object of a type, the
/// typed wildcard of a type, or a userset `type#relation`.
public enum UserKind: Sendable, Hashable, CustomStringConvertible {
    case object(type: String)
    case wildcard(type: String)
    case userset(RelationKey)

    /// The kind of a parsed user.
    public init(_ user: UserReference) {
        switch user {
        case .object(let object): self = .object(type: object.type)
        case .wildcard(let type): self = .wildcard(type: type)
        case .userset(let object, let relation): self = .userset(RelationKey(object.type, relation))
        }
    }

    public var description: String {
        switch self {
        case .object(let type): type
        case .wildcard(let type): "\(type):*"
        case .userset(let key): key.description
        }
    }
}
