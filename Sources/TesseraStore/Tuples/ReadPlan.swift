import Foundation
import TesseraModel

/// How a Read filter is answered: which index, which key prefix, and which key fields must
/// match beyond the prefix.
struct ReadPlan {
    enum Index: UInt8 {
        case forward = 0
        case reverse = 1
    }

    let index: Index
    let prefix: [UInt8]
    /// (offset, id) pairs of the key that must match, beyond the prefix.
    let required: [(offset: Int, id: UInt32)]

    /// OpenFGA's rule: with a filter, the object type is required, and the object id and
    /// the user cannot both be empty.
    static func validate(_ filter: TupleFilter) throws {
        guard !filter.isEmpty else { return }
        let parts = split(filter.object)
        guard !parts.type.isEmpty, !parts.id.isEmpty || !filter.user.isEmpty else {
            throw StoreError(
                .validationError,
                "the 'tuple_key' field was provided but the object type field is required and both the object id and user cannot be empty"
            )
        }
    }

    static func split(_ object: String) -> (type: Substring, id: Substring) {
        guard let colon = object.firstIndex(of: ":") else { return ("", Substring(object)) }
        return (object[..<colon], object[object.index(after: colon)...])
    }

    /// The plan for a validated filter; `nil` when a named identifier was never stored (no
    /// tuple can match).
    init?(filter: TupleFilter, store: UInt32, txn: LMDBTransaction, identifiers: IdentifierTable) throws {
        var writer = ByteWriter(capacity: 20)
        writer.append(store)
        func id(_ text: String) throws -> UInt32? { try identifiers.committedID(of: text, in: txn) }
        if filter.isEmpty {
            index = .forward
            prefix = writer.bytes
            required = []
            return
        }
        let parts = Self.split(filter.object)
        let relation = filter.relation.isEmpty ? nil : try id(filter.relation)
        if !filter.relation.isEmpty, relation == nil { return nil }
        if !parts.id.isEmpty {
            // store · object · relation · kind · user
            guard let object = try id(filter.object) else { return nil }
            index = .forward
            writer.append(object)
            var required: [(Int, UInt32)] = []
            if let relation { writer.append(relation) }
            if !filter.user.isEmpty {
                guard let user = try id(filter.user) else { return nil }
                if relation != nil {
                    writer.append(UserKind(user: filter.user).rawValue)
                    writer.append(user)
                } else {
                    required.append((13, user))
                }
            }
            self.required = required
        } else {
            // store · user · relation · object type · object
            guard let user = try id(filter.user), let objectType = try id(String(parts.type)) else { return nil }
            index = .reverse
            writer.append(user)
            if let relation {
                writer.append(relation)
                writer.append(objectType)
                required = []
            } else {
                required = [(12, objectType)]
            }
        }
        prefix = writer.bytes
    }

    func matches(_ key: UnsafeRawBufferPointer) -> Bool {
        for (offset, id) in required {
            guard key.count >= offset + 4, key.bigEndianUInt32(at: offset) == id else { return false }
        }
        return true
    }

    /// The tuple stored under `key`.
    func tuple(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, txn: LMDBTransaction, identifiers: IdentifierTable) throws -> StoredTuple {
        let objectOffset: Int
        let relationOffset: Int
        let userOffset: Int
        switch index {
        case .forward:
            guard key.count == KeyLayout.forwardKeyBytes else { throw StoreError.corrupt("forward key") }
            (objectOffset, relationOffset, userOffset) = (4, 8, 13)
        case .reverse:
            guard key.count == KeyLayout.reverseKeyBytes else { throw StoreError.corrupt("reverse key") }
            (objectOffset, relationOffset, userOffset) = (16, 8, 4)
        }
        let stored = try TupleValue(decoding: value)
        let tuple = TupleKey(
            object: try identifiers.committedString(for: key.bigEndianUInt32(at: objectOffset), in: txn),
            relation: try identifiers.committedString(for: key.bigEndianUInt32(at: relationOffset), in: txn),
            user: try identifiers.committedString(for: key.bigEndianUInt32(at: userOffset), in: txn),
            condition: stored.condition
        )
        return StoredTuple(key: tuple, timestamp: Timestamp.date(stored.timestampMicros))
    }
}
