import TesseraConditions
import TesseraModel

/// The request-shape rules of a Write, in OpenFGA's order and words: something to do, not
/// too much, well-formed identifiers within their limits, no key twice. Validation against
/// the model (types, relations, restrictions, conditions) happens in the engine before.
enum TupleRules {
    /// Checks a whole write request.
    static func validate(writes: [TupleKey], deletes: [TupleKey], options: DatastoreOptions) throws {
        guard !writes.isEmpty || !deletes.isEmpty else {
            throw StoreError(.invalidWriteInput, "Invalid input. Make sure you provide at least one write, or at least one delete")
        }
        guard writes.count + deletes.count <= options.maxTuplesPerWrite else {
            throw StoreError(
                .exceededEntityLimit,
                "The number of write operations exceeds the allowed limit of \(options.maxTuplesPerWrite)"
            )
        }
        for tuple in writes { try validate(tuple, maxContextBytes: options.maxConditionContextBytes) }
        for tuple in deletes { try validate(tuple.withoutCondition, maxContextBytes: options.maxConditionContextBytes) }
        var seen = Set<TupleKey>(minimumCapacity: writes.count + deletes.count)
        for tuple in writes + deletes where !seen.insert(tuple.withoutCondition).inserted {
            throw StoreError(
                .duplicateTuplesInOneRequest,
                "duplicate tuple in write: user: '\(tuple.user)', relation: '\(tuple.relation)', object: '\(tuple.object)'"
            )
        }
    }

    /// Identifier syntax and lengths of one tuple (OpenFGA's API patterns and byte limits).
    static func validate(_ tuple: TupleKey, maxContextBytes: Int) throws {
        let objectBytes = tuple.object.utf8.count
        if objectBytes > IdentifierRules.maxObjectBytes {
            throw StoreError(.validationError, "invalid TupleKey.Object: value length must be at most \(IdentifierRules.maxObjectBytes) bytes")
        }
        if tuple.relation.utf8.count > IdentifierRules.maxRelationBytes {
            throw StoreError(.validationError, "invalid TupleKey.Relation: value length must be at most \(IdentifierRules.maxRelationBytes) bytes")
        }
        if tuple.user.utf8.count > IdentifierRules.maxUserBytes {
            throw StoreError(.validationError, "invalid TupleKey.User: value length must be at most \(IdentifierRules.maxUserBytes) bytes")
        }
        guard ASCIIIdentifiers.isValidObject(tuple.object) ?? (ObjectReference(tuple.object).map { !$0.isWildcard } ?? false) else {
            throw invalidTuple(tuple, "invalid 'object' field format")
        }
        guard ASCIIIdentifiers.isValidRelation(tuple.relation) ?? IdentifierRules.isValidRelationName(tuple.relation) else {
            throw invalidTuple(tuple, "the 'relation' field is malformed")
        }
        guard ASCIIIdentifiers.isValidUser(tuple.user) ?? (UserReference(tuple.user) != nil) else {
            throw invalidTuple(tuple, "the 'user' field is malformed")
        }
        if let condition = tuple.condition {
            let nameBytes = condition.name.utf8.count
            guard nameBytes >= 2, nameBytes <= IdentifierRules.maxConditionNameBytes,
                !condition.name.unicodeScalars.contains(where: { $0.properties.isWhitespace })
            else {
                throw StoreError(.validationError, #"invalid RelationshipCondition.Name: value does not match regex pattern "^[^\s]{2,256}$""#)
            }
            let contextBytes = JSONValue.object(condition.context).canonicalText.utf8.count
            guard contextBytes <= maxContextBytes else {
                throw StoreError(
                    .validationError,
                    "Invalid tuple '\(tuple)'. Reason: condition context of \(contextBytes) bytes exceeds the limit of \(maxContextBytes) bytes"
                )
            }
        }
    }

    private static func invalidTuple(_ tuple: TupleKey, _ reason: String) -> StoreError {
        StoreError(.validationError, "Invalid tuple '\(tuple.withoutCondition)'. Reason: \(reason)")
    }

    /// The part of an object string before the first `:` (the string was validated).
    static func objectType(of object: String) -> Substring {
        object.firstIndex(of: ":").map { object[..<$0] } ?? Substring(object)
    }
}
