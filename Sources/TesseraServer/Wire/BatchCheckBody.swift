import TesseraEngine
import TesseraModel

/// `POST /stores/{id}/batch-check`.
struct BatchCheckBody: Sendable {
    var items: [BatchCheckItem]
    var options: QueryOptions

    init(wire object: WireObject) throws(WireError) {
        let checks = try object.objects("checks")
        guard !checks.isEmpty else { throw WireError("checks", "value must contain at least 1 item(s)") }
        var items: [BatchCheckItem] = []
        items.reserveCapacity(checks.count)
        for check in checks {
            guard let tupleKeyObject = try check.object("tuple_key", "tupleKey") else {
                throw WireError(check.field("tuple_key"), "value is required")
            }
            let key = try TupleKey(wire: tupleKeyObject, allowCondition: false)
            let correlationID = try check.string("correlation_id", "correlationId") ?? ""
            if !correlationID.isEmpty, !Self.isValidCorrelationID(correlationID) {
                throw WireError(check.field("correlation_id"), "value does not match regex pattern \"^[\\w\\d-]{1,36}$\"")
            }
            items.append(BatchCheckItem(
                correlationID: correlationID,
                check: CheckRequest(
                    object: key.object, relation: key.relation, user: key.user,
                    contextualTuples: try check.contextualTupleKeys(), context: try check.structValue("context"))))
        }
        self.items = items
        options = try QueryOptions(wire: object)
    }

    /// `^[\w\d-]{1,36}$`: letters, digits, `_` and `-`.
    static func isValidCorrelationID(_ id: String) -> Bool {
        id.utf8.count <= 36 && id.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
