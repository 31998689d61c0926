import TesseraEngine
import TesseraModel

/// `POST /stores/{id}/list-users`. Unlike the other queries, its contextual tuples are a
/// bare array.
struct ListUsersBody: Sendable {
    var request: ListUsersRequest
    var options: QueryOptions

    init(wire body: WireObject) throws(WireError) {
        guard let object = try body.object("object") else { throw WireError("object", "value is required") }
        let type = try object.string("type") ?? ""
        let id = try object.string("id") ?? ""
        try TupleKey.require(type, field: object.field("type"), minimum: 1, maximum: IdentifierRules.maxTypeBytes)
        try TupleKey.require(id, field: object.field("id"), minimum: 1, maximum: IdentifierRules.maxObjectBytes)
        let relation = try body.string("relation") ?? ""
        try TupleKey.require(relation, field: "relation", minimum: 1, maximum: IdentifierRules.maxRelationBytes)
        let filters = try body.objects("user_filters", "userFilters")
        guard filters.count == 1 else {
            throw WireError("user_filters", "value must contain exactly 1 item(s), got \(filters.count)")
        }
        let filterType = try filters[0].string("type") ?? ""
        try TupleKey.require(filterType, field: filters[0].field("type"), minimum: 1, maximum: IdentifierRules.maxTypeBytes)
        if filterType.contains(":") || filterType.contains("#") {
            throw WireError(filters[0].field("type"), "value does not match regex pattern \"^[^:#@\\s]{1,254}$\"")
        }
        let filterRelation = try filters[0].string("relation")
        request = ListUsersRequest(
            object: ObjectReference(type: type, id: id), relation: relation,
            filter: ListUsersRequest.Filter(type: filterType, relation: filterRelation),
            contextualTuples: try body.tupleKeyArray("contextual_tuples", "contextualTuples", limit: 100),
            context: try body.structValue("context"))
        options = try QueryOptions(wire: body)
    }
}
