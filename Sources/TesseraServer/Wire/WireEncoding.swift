import Foundation
import TesseraConditions
import TesseraModel
import TesseraStore

/// Response values in OpenFGA's JSON shapes.
enum WireEncoding {
    /// RFC 3339 in UTC with the fractional digits protojson writes (0, 3, 6 or 9).
    static func timestamp(_ date: Date) -> JSONValue {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = Int(((seconds - whole) * 1_000_000).rounded())
        var components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: Date(timeIntervalSince1970: whole))
        components.nanosecond = 0
        let text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", components.year ?? 1970, components.month ?? 1, components.day ?? 1,
            components.hour ?? 0, components.minute ?? 0, components.second ?? 0)
        if micros == 0 { return .string(text + "Z") }
        if micros % 1000 == 0 { return .string(text + String(format: ".%03dZ", micros / 1000)) }
        return .string(text + String(format: ".%06dZ", min(micros, 999_999)))
    }

    static func store(_ record: StoreRecord, includeDeletedAt: Bool = false) -> JSONValue {
        var members: JSONObject = [
            "id": .string(record.id), "name": .string(record.name),
            "created_at": timestamp(record.createdAt), "updated_at": timestamp(record.updatedAt),
        ]
        if includeDeletedAt { members["deleted_at"] = .null }
        return .object(members)
    }

    static func tuple(_ tuple: StoredTuple) -> JSONValue {
        .object(["key": tuple.key.wireValue, "timestamp": timestamp(tuple.timestamp)])
    }

    static func change(_ change: TupleChange) -> JSONValue {
        .object(["tuple_key": change.key.wireValue, "operation": .string(change.operation.rawValue), "timestamp": timestamp(change.timestamp)])
    }

    static func assertion(_ assertion: Assertion) -> JSONValue {
        let key = assertion.tupleKey
        return .object([
            "tuple_key": .object(["object": .string(key.object), "relation": .string(key.relation), "user": .string(key.user)]),
            "expectation": .bool(assertion.expectation),
            "contextual_tuples": .array(assertion.contextualTuples.map(\.wireValue)),
            "context": .object(assertion.context),
        ])
    }
}
