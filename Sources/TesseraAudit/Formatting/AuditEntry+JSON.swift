public import TesseraConditions
import TesseraModel

extension AuditEntry {
    /// The entry as JSON: what `tessera audit query --format json` prints (one per line) and
    /// `GET /stores/{id}/audit` returns. Absent values are left out.
    ///
    /// ```json
    /// {"seq":12,"time":"2025-01-31T09:30:00.123456Z","kind":"write","store_id":"01J…",
    ///  "model_id":"01J…","caller":{"subject":"user-7","client_id":"app-1","issuer":"https://…",
    ///  "token_sha256":"9f…","source_address":"10.0.0.9","identity":"oidc client=app-1 sub=user-7"},
    ///  "request_id":"…","outcome":"success","revision":41,
    ///  "tuples":[{"operation":"write","object":"folder:plans","relation":"viewer","user":"user:bob"}],
    ///  "prev_hash":"…","hash":"…"}
    /// ```
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "seq": .number(Double(sequence)),
            "time": .string(AuditTime.format(record.microseconds)),
            "kind": .string(record.kind.rawValue),
            "outcome": .string(record.outcome.rawValue),
            "prev_hash": .string(previousHash),
            "hash": .string(hash),
        ]
        object["store_id"] = record.storeID.map(JSONValue.string)
        object["model_id"] = record.modelID.map(JSONValue.string)
        object["request_id"] = record.requestID.map(JSONValue.string)
        object["reason"] = record.reason.map(JSONValue.string)
        object["revision"] = record.revision.map { .number(Double($0)) }
        var caller: JSONObject = [:]
        caller["identity"] = record.caller.identity.map(JSONValue.string)
        caller["subject"] = record.caller.subject.map(JSONValue.string)
        caller["client_id"] = record.caller.clientID.map(JSONValue.string)
        caller["issuer"] = record.caller.issuer.map(JSONValue.string)
        caller["token_sha256"] = record.caller.tokenSHA256.map(JSONValue.string)
        caller["source_address"] = record.caller.sourceAddress.map(JSONValue.string)
        if !caller.isEmpty { object["caller"] = .object(caller) }
        if !record.detail.isEmpty { object["detail"] = .object(record.detail) }
        if !record.tuples.isEmpty { object["tuples"] = .array(record.tuples.map(\.jsonValue)) }
        return .object(object)
    }
}

extension AuditTupleChange {
    /// `{"operation","object","relation","user"}`, plus `"condition": {"name","context"}`.
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "operation": .string(operation.rawValue),
            "object": .string(tuple.object),
            "relation": .string(tuple.relation),
            "user": .string(tuple.user),
        ]
        if let condition = tuple.condition {
            object["condition"] = .object(["name": .string(condition.name), "context": .object(condition.context)])
        }
        return .object(object)
    }
}
