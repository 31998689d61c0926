public import TesseraConditions
public import TesseraModel

/// Which users of the filter's shape have `relation` on `object`?
public struct ListUsersRequest: Sendable, Hashable {
    /// The user shape to list: objects of `type`, or usersets `type#relation`.
    public struct Filter: Sendable, Hashable {
        public var type: String
        public var relation: String?

        public init(type: String, relation: String? = nil) {
            self.type = type
            self.relation = relation
        }
    }

    public var object: ObjectReference
    public var relation: String
    public var filter: Filter
    public var contextualTuples: [TupleKey]
    public var context: JSONObject

    public init(object: ObjectReference, relation: String, filter: Filter, contextualTuples: [TupleKey] = [], context: JSONObject = [:]) {
        self.object = object
        self.relation = relation
        self.filter = filter
        self.contextualTuples = contextualTuples
        self.context = context
    }
}

/// The users found (concrete objects, usersets and typed wildcards), and whether the
/// search stopped early.
public struct ListUsersResult: Sendable, Hashable {
    /// Sorted by their wire form.
    public var users: [UserReference]
    public var truncated: Bool

    public init(users: [UserReference], truncated: Bool) {
        self.users = users
        self.truncated = truncated
    }
}
