import TesseraConditions

extension AuthorizationModel {
    /// The model as JSON text, byte for byte as `fga model transform --output-format json`
    /// prints it: compact, `schema_version`, `type_definitions` and `conditions` first in that
    /// order, every other object's keys sorted, and `<`, `>`, `&` escaped as `\u003c`, `\u003e`,
    /// `\u0026` (Go's JSON encoder does that, and to U+2028 and U+2029).
    public var transformJSONText: String {
        var out = ""
        guard case .object(let root) = jsonValue() else { return jsonText() }
        let leading = ["schema_version", "type_definitions", "conditions"]
        let keys = leading.filter { root[$0] != nil } + root.keys.filter { !leading.contains($0) }.sorted()
        out += "{"
        for (index, key) in keys.enumerated() {
            if index > 0 { out += "," }
            Self.writeGoStyle(.string(key), to: &out)
            out += ":"
            // fga writes an empty list of types as Go writes a nil slice.
            let value = root[key, default: .null]
            Self.writeGoStyle(key == "type_definitions" && value == .array([]) ? .null : value, to: &out)
        }
        out += "}"
        return out
    }

    private static func writeGoStyle(_ value: JSONValue, to out: inout String) {
        switch value {
        case .string(let text):
            var literal = ""
            JSONValue.writeString(text, to: &literal)
            for scalar in literal.unicodeScalars {
                switch scalar {
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default: out.unicodeScalars.append(scalar)
                }
            }
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                writeGoStyle(element, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeGoStyle(.string(key), to: &out)
                out += ":"
                writeGoStyle(members[key, default: .null], to: &out)
            }
            out += "}"
        default:
            out += value.canonicalText
        }
    }
}
