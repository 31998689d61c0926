import TesseraModel
import TesseraStore

/// `POST /stores/{id}/read`.
struct ReadBody: Sendable {
    var filter: TupleFilter
    var pageSize: Int?
    var continuationToken: String?
    var consistency: ConsistencyPreference

    init(wire body: WireObject) throws(WireError) {
        if let key = try body.object("tuple_key", "tupleKey") {
            let tuple = try TupleKey(wire: key, shape: .filter, allowCondition: false)
            filter = TupleFilter(object: tuple.object, relation: tuple.relation, user: tuple.user)
        } else {
            filter = TupleFilter()
        }
        pageSize = try body.int32("page_size", "pageSize")
        continuationToken = try body.continuationToken()
        consistency = try ConsistencyPreference(wire: body)
    }
}

extension WireObject {
    /// `continuation_token`: at most 5120 bytes of base64url (the API's pattern); empty is unset.
    func continuationToken() throws(WireError) -> String? {
        guard let token = try string("continuation_token", "continuationToken") else { return nil }
        try WireObject.validateContinuationToken(token, field: field("continuation_token"))
        return token
    }

    static func validateContinuationToken(_ token: String, field: String) throws(WireError) {
        guard token.utf8.count <= 5120 else { throw WireError(field, "value must be at most 5120 bytes") }
        let valid = token.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="):
                true
            default: false
            }
        }
        guard valid else { throw WireError(field, "value does not match regex pattern \"^[A-Za-z0-9-_]+={0,2}$\"") }
    }
}
