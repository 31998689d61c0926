/// The user side of a tuple or query: a concrete object (`user:anne`), a userset
/// (`group:eng#member`) or a typed wildcard (`user:*`).
public enum UserReference: Sendable, Hashable {
    case object(ObjectReference)
    case userset(ObjectReference, relation: String)
    case wildcard(type: String)

    /// Parses a user string under OpenFGA's rules (`IsValidUser` plus schema 1.1's
    /// requirement of a type): `type:id`, `type:*` or `type:id#relation`. A userset on a
    /// wildcard (`group:*#member`) is refused, as OpenFGA's `IsValidUserset` does.
    @inlinable  // specialised in callers: the engine parses every request and userset tuple
    public init?(_ text: some StringProtocol) {
        if let hash = IdentifierRules.firstIndex(of: "#", in: text) {
            let relation = text[text.utf8.index(after: hash)...]  // the separator is one byte
            guard let object = ObjectReference(text[..<hash]), !object.isWildcard,
                IdentifierRules.isValidRelationName(relation)
            else { return nil }
            self = .userset(object, relation: String(relation))
            return
        }
        guard let object = ObjectReference(text) else { return nil }
        self = object.isWildcard ? .wildcard(type: object.type) : .object(object)
    }

    /// The user's type (`user` for `user:anne`, `group` for `group:eng#member`).
    public var type: String {
        switch self {
        case .object(let object), .userset(let object, _): object.type
        case .wildcard(let type): type
        }
    }

    /// The relation of a userset, `nil` otherwise.
    public var relation: String? {
        if case .userset(_, let relation) = self { return relation }
        return nil
    }

    public var isWildcard: Bool {
        if case .wildcard = self { return true }
        return false
    }
}

extension UserReference: CustomStringConvertible {
    /// The wire form: `user:anne`, `group:eng#member`, `user:*`.
    public var description: String {
        switch self {
        case .object(let object): object.description
        case .userset(let object, let relation): "\(object)#\(relation)"
        case .wildcard(let type): "\(type):*"
        }
    }
}
