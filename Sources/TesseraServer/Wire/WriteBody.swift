import TesseraConditions
import TesseraModel
import TesseraStore

/// `POST /stores/{id}/write`.
struct WriteBody: Sendable {
    var writes: [TupleKey]
    var deletes: [TupleKey]
    var options: WriteOptions
    var modelID: String?

    init(wire body: WireObject, maxTuples: Int) throws(WireError) {
        var options = WriteOptions()
        writes = []
        deletes = []
        // The tuple-count limit is enforced by the store after de-duplication; the wire
        // layer only bounds what it parses.
        let parseLimit = max(maxTuples, 100) * 10
        if let wireWrites = try body.object("writes") {
            writes = try wireWrites.tupleKeys(field: ["tuple_keys", "tupleKeys"], limit: parseLimit)
            guard !writes.isEmpty else { throw WireError(wireWrites.field("tuple_keys"), "value must contain at least 1 item(s)") }
            options.onDuplicate = try Self.handling(wireWrites, names: ["on_duplicate", "onDuplicate"], option: "on_duplicate")
        }
        if let wireDeletes = try body.object("deletes") {
            deletes = try wireDeletes.tupleKeys(field: ["tuple_keys", "tupleKeys"], limit: parseLimit).map(\.withoutCondition)
            guard !deletes.isEmpty else { throw WireError(wireDeletes.field("tuple_keys"), "value must contain at least 1 item(s)") }
            options.onMissing = try Self.handling(wireDeletes, names: ["on_missing", "onMissing"], option: "on_missing")
        }
        self.options = options
        modelID = try body.modelID()
    }

    /// `error` (default) or `ignore`; anything else is OpenFGA's "invalid <option> option".
    static func handling(_ object: WireObject, names: [String], option: String) throws(WireError) -> WriteOptions.Handling {
        guard let value = object.member(names)?.1 else { return .error }
        guard case .string(let text) = value else { throw WireError(object.field(option), "invalid \(option) option") }
        switch text {
        case "", "error": return .error
        case "ignore": return .ignore
        default: throw WireError("", "invalid \(option) option")
        }
    }
}
