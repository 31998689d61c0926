import TesseraAuth
import TesseraConditions

extension JSONValue {
    /// A request body read by the auth module's strict RFC 8259 parser, as the JSON value the
    /// wire decoding works on. Numbers become `Double` (as protojson reads them); one that
    /// does not fit is refused.
    init(strict json: StrictJSON) throws(APIError) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .string(let text): self = .string(text)
        case .number(let text):
            guard let value = Double(text), value.isFinite else { throw APIError.validation("invalid JSON body: number \(text) is out of range") }
            self = .number(value)
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try JSONValue(strict: element)) }
            self = .array(values)
        case .object(let members):
            var values: [String: JSONValue] = [:]
            values.reserveCapacity(members.count)
            for (name, member) in members { values[name] = try JSONValue(strict: member) }
            self = .object(values)
        }
    }
}
