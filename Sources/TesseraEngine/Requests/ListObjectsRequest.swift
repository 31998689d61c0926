public import TesseraConditions
public import TesseraModel

/// Which objects of `type` does `user` have `relation` on?
public struct ListObjectsRequest: Sendable, Hashable {
    public var type: String
    public var relation: String
    public var user: String
    public var contextualTuples: [TupleKey]
    public var context: JSONObject

    public init(type: String, relation: String, user: String, contextualTuples: [TupleKey] = [], context: JSONObject = [:]) {
        self.type = type
        self.relation = relation
        self.user = user
        self.contextualTuples = contextualTuples
        self.context = context
    }
}

/// The objects found, and whether the search stopped early (deadline or result limit).
/// OpenFGA truncates silently; Tessera says so, and the server sends a header.
public struct ListObjectsResult: Sendable, Hashable {
    /// `type:id` strings, sorted.
    public var objects: [String]
    public var truncated: Bool

    public init(objects: [String], truncated: Bool) {
        self.objects = objects
        self.truncated = truncated
    }
}
