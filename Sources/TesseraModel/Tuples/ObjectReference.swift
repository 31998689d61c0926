/// An object: `type:id` (`document:readme`).
public struct ObjectReference: Sendable, Hashable, Comparable {
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// Parses `type:id` under OpenFGA's object rules: exactly one `:`, no `#`, no whitespace
    /// or control characters, a non-empty type and id. `type:*` parses (it is a wildcard
    /// user); callers that need a concrete object check `isWildcard`.
    @inlinable  // specialised in callers: the engine parses every request and userset tuple
    public init?(_ text: some StringProtocol) {
        guard let colon = IdentifierRules.firstIndex(of: ":", in: text) else { return nil }
        let type = text[..<colon]
        let id = text[text.utf8.index(after: colon)...]  // the separator is one byte
        guard IdentifierRules.isValidTypeName(type), IdentifierRules.isValidObjectID(id) else { return nil }
        self.init(type: String(type), id: String(id))
    }

    /// True for `type:*`.
    public var isWildcard: Bool { id == "*" }

    public static func < (lhs: ObjectReference, rhs: ObjectReference) -> Bool {
        (lhs.type, lhs.id) < (rhs.type, rhs.id)
    }
}

extension ObjectReference: CustomStringConvertible {
    /// `type:id`.
    public var description: String { "\(type):\(id)" }
}
