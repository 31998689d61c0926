import TesseraEngine
import TesseraModel

/// `POST /stores/{id}/list-objects` and `/streamed-list-objects`.
struct ListObjectsBody: Sendable {
    var request: ListObjectsRequest
    var options: QueryOptions

    init(wire object: WireObject) throws(WireError) {
        let type = try object.string("type") ?? ""
        let relation = try object.string("relation") ?? ""
        let user = try object.string("user") ?? ""
        try TupleKey.require(type, field: "type", minimum: 1, maximum: IdentifierRules.maxTypeBytes)
        try TupleKey.require(relation, field: "relation", minimum: 1, maximum: IdentifierRules.maxRelationBytes)
        try TupleKey.require(user, field: "user", minimum: 1, maximum: IdentifierRules.maxUserBytes)
        request = ListObjectsRequest(
            type: type, relation: relation, user: user,
            contextualTuples: try object.contextualTupleKeys(), context: try object.structValue("context"))
        options = try QueryOptions(wire: object)
    }
}
