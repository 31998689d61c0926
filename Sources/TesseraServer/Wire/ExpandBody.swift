import TesseraModel

/// `POST /stores/{id}/expand`.
struct ExpandBody: Sendable {
    var object: String
    var relation: String
    var contextualTuples: [TupleKey]
    var options: QueryOptions

    init(wire body: WireObject) throws(WireError) {
        guard let key = try body.object("tuple_key", "tupleKey") else { throw WireError("tuple_key", "value is required") }
        object = try key.string("object") ?? ""
        relation = try key.string("relation") ?? ""
        try TupleKey.require(object, field: key.field("object"), minimum: 1, maximum: IdentifierRules.maxObjectBytes)
        try TupleKey.require(relation, field: key.field("relation"), minimum: 1, maximum: IdentifierRules.maxRelationBytes)
        contextualTuples = try body.contextualTupleKeys()
        options = try QueryOptions(wire: body)
    }
}
