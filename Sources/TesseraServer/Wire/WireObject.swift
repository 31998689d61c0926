import TesseraConditions

/// A JSON object of a request body, read with protojson's rules as OpenFGA's gateway
/// reads it: both the JSON name (`tuple_key`) and the lowerCamelCase name (`tupleKey`) are
/// accepted, `null` means unset, an empty string means unset for string fields, unknown
/// fields are ignored, and 32-bit integers may also be given as decimal strings.
struct WireObject: Sendable {
    let members: JSONObject
    /// The JSON path of this object, for error messages (`checks[2].tuple_key`).
    let path: String

    init(_ value: JSONValue, path: String = "") throws(WireError) {
        guard case .object(let members) = value else {
            throw WireError(path.isEmpty ? "body" : path, "expected a JSON object")
        }
        self.members = members
        self.path = path
    }

    /// The first set spelling of a field: `(name used in messages, value)`.
    func member(_ names: [String]) -> (String, JSONValue)? {
        for name in names {
            if let value = members[name], value != .null { return (field(names[0]), value) }
        }
        return nil
    }

    func field(_ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    /// A string field; `nil` when absent, null or empty.
    func string(_ names: String...) throws(WireError) -> String? {
        guard let (field, value) = member(names) else { return nil }
        guard case .string(let text) = value else { throw WireError(field, "expected a string") }
        return text.isEmpty ? nil : text
    }

    /// A boolean field; `nil` when absent or null.
    func bool(_ names: String...) throws(WireError) -> Bool? {
        guard let (field, value) = member(names) else { return nil }
        guard case .bool(let flag) = value else { throw WireError(field, "expected true or false") }
        return flag
    }

    /// A 32-bit integer field (a JSON number or a decimal string); `nil` when absent or null.
    func int32(_ names: String...) throws(WireError) -> Int? {
        guard let (field, value) = member(names) else { return nil }
        return try Self.int32(value, field: field)
    }

    static func int32(_ value: JSONValue, field: String) throws(WireError) -> Int {
        switch value {
        case .number(let number):
            guard number == number.rounded(), number >= Double(Int32.min), number <= Double(Int32.max) else {
                throw WireError(field, "expected a 32-bit integer")
            }
            return Int(number)
        case .string(let text):
            guard let number = Int32(text) else { throw WireError(field, "expected a 32-bit integer") }
            return Int(number)
        default:
            throw WireError(field, "expected a 32-bit integer")
        }
    }

    /// A nested object; `nil` when absent or null.
    func object(_ names: String...) throws(WireError) -> WireObject? {
        guard let (field, value) = member(names) else { return nil }
        return try WireObject(value, path: field)
    }

    /// An array field; empty when absent or null.
    func array(_ names: String...) throws(WireError) -> [JSONValue] {
        guard let (field, value) = member(names) else { return [] }
        guard case .array(let elements) = value else { throw WireError(field, "expected an array") }
        return elements
    }

    /// The objects of an array field, each with its path (`checks[1]`).
    func objects(_ names: String...) throws(WireError) -> [WireObject] {
        guard let (field, value) = member(names) else { return [] }
        guard case .array(let elements) = value else { throw WireError(field, "expected an array") }
        var result: [WireObject] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try WireObject(element, path: "\(field)[\(index)]"))
        }
        return result
    }

    /// A `google.protobuf.Struct` field (any JSON object); empty when absent or null.
    func structValue(_ names: String...) throws(WireError) -> JSONObject {
        guard let (field, value) = member(names) else { return [:] }
        guard case .object(let members) = value else { throw WireError(field, "expected a JSON object") }
        return members
    }
}
