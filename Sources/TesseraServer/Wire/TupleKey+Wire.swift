import TesseraConditions
import TesseraModel

/// Tuple keys as request bodies carry them, checked against the API's field patterns
/// before anything else looks at them (OpenFGA's proto validation).
extension TupleKey {
    /// How strictly the fields of a tuple key are required.
    enum WireShape {
        /// `user`, `relation` and `object` all required (writes, checks, contextual tuples).
        case full
        /// Read filters: every field optional (the store applies OpenFGA's filter rules).
        case filter
    }

    init(wire object: WireObject, shape: WireShape = .full, allowCondition: Bool = true) throws(WireError) {
        let user = try object.string("user") ?? ""
        let relation = try object.string("relation") ?? ""
        let objectText = try object.string("object") ?? ""
        if shape == .full {
            try Self.require(user, field: object.field("user"), minimum: 1, maximum: IdentifierRules.maxUserBytes)
            try Self.require(relation, field: object.field("relation"), minimum: 1, maximum: IdentifierRules.maxRelationBytes)
            try Self.require(objectText, field: object.field("object"), minimum: 1, maximum: IdentifierRules.maxObjectBytes)
        } else {
            if !user.isEmpty { try Self.require(user, field: object.field("user"), minimum: 1, maximum: IdentifierRules.maxUserBytes) }
            if !relation.isEmpty {
                try Self.require(relation, field: object.field("relation"), minimum: 1, maximum: IdentifierRules.maxRelationBytes)
            }
            if !objectText.isEmpty {
                try Self.require(objectText, field: object.field("object"), minimum: 1, maximum: IdentifierRules.maxObjectBytes)
            }
        }
        var condition: RelationshipCondition?
        if allowCondition, let wireCondition = try object.object("condition") {
            guard let name = try wireCondition.string("name") else {
                throw WireError(wireCondition.field("name"), "a condition needs a name")
            }
            try Self.require(name, field: wireCondition.field("name"), minimum: 2, maximum: IdentifierRules.maxConditionNameBytes)
            condition = RelationshipCondition(name: name, context: try wireCondition.structValue("context"))
        }
        self.init(object: objectText, relation: relation, user: user, condition: condition)
    }

    /// The tuple key as a JSON object (`{user, relation, object, condition?}`).
    var wireValue: JSONValue {
        var members: JSONObject = [
            "user": .string(user), "relation": .string(relation), "object": .string(object),
        ]
        if let condition {
            members["condition"] = .object(["name": .string(condition.name), "context": .object(condition.context)])
        }
        return .object(members)
    }

    /// Length in bytes within bounds, and no whitespace (the API's `^[^\s]{n,m}$` patterns).
    static func require(_ text: String, field: String, minimum: Int, maximum: Int) throws(WireError) {
        let length = text.utf8.count
        if length < minimum { throw WireError(field, "value is required") }
        if length > maximum { throw WireError(field, "value must be at most \(maximum) bytes, got \(length)") }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw WireError(field, "value must not contain whitespace")
        }
    }
}

extension WireObject {
    /// The contextual tuples wrapper `{"tuple_keys": [...]}` (check, batch check items,
    /// expand, list objects), at most `limit` tuples.
    func contextualTupleKeys(limit: Int = 100) throws(WireError) -> [TupleKey] {
        guard let wrapper = try object("contextual_tuples", "contextualTuples") else { return [] }
        return try wrapper.tupleKeys(field: ["tuple_keys", "tupleKeys"], limit: limit)
    }

    /// A bare array of tuple keys (list users, assertions), at most `limit`.
    func tupleKeyArray(_ names: String..., limit: Int) throws(WireError) -> [TupleKey] {
        try tupleKeys(field: names, limit: limit)
    }

    func tupleKeys(field names: [String], limit: Int) throws(WireError) -> [TupleKey] {
        guard let (field, value) = member(names) else { return [] }
        guard case .array(let elements) = value else { throw WireError(field, "expected an array") }
        guard elements.count <= limit else {
            throw WireError(field, "value must contain no more than \(limit) item(s), got \(elements.count)")
        }
        var keys: [TupleKey] = []
        keys.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            keys.append(try TupleKey(wire: try WireObject(element, path: "\(field)[\(index)]")))
        }
        return keys
    }
}
