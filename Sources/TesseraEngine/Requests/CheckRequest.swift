public import TesseraConditions
public import TesseraModel

/// May `user` have `relation` on `object`? With the request's contextual tuples and context.
public struct CheckRequest: Sendable, Hashable {
    public var object: String
    public var relation: String
    public var user: String
    public var contextualTuples: [TupleKey]
    public var context: JSONObject

    public init(object: String, relation: String, user: String, contextualTuples: [TupleKey] = [], context: JSONObject = [:]) {
        self.object = object
        self.relation = relation
        self.user = user
        self.contextualTuples = contextualTuples
        self.context = context
    }
}
