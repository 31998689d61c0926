import TesseraEngine
import TesseraModel

/// `POST /stores/{id}/check`.
struct CheckBody: Sendable {
    var check: CheckRequest
    var options: QueryOptions

    init(wire object: WireObject) throws(WireError) {
        guard let tupleKeyObject = try object.object("tuple_key", "tupleKey") else {
            throw WireError("tuple_key", "value is required")
        }
        let key = try TupleKey(wire: tupleKeyObject, allowCondition: false)
        check = CheckRequest(
            object: key.object, relation: key.relation, user: key.user,
            contextualTuples: try object.contextualTupleKeys(), context: try object.structValue("context"))
        options = try QueryOptions(wire: object)
    }
}
