import TesseraModel
import TesseraStore

/// `PUT /stores/{id}/assertions/{model_id}`: at most 100 assertions, each with at most 20
/// contextual tuples (a bare array, as in OpenFGA).
struct AssertionsBody: Sendable {
    var assertions: [Assertion]

    init(wire body: WireObject) throws(WireError) {
        let items = try body.objects("assertions")
        guard items.count <= 100 else {
            throw WireError("assertions", "value must contain no more than 100 item(s), got \(items.count)")
        }
        var assertions: [Assertion] = []
        for item in items {
            guard let key = try item.object("tuple_key", "tupleKey") else { throw WireError(item.field("tuple_key"), "value is required") }
            assertions.append(Assertion(
                tupleKey: try TupleKey(wire: key, allowCondition: false),
                expectation: try item.bool("expectation") ?? false,
                contextualTuples: try item.tupleKeys(field: ["contextual_tuples", "contextualTuples"], limit: 20),
                context: try item.structValue("context")))
        }
        self.assertions = assertions
    }
}
