/// The result of evaluating a `CompiledExpression`: a typed CEL value.
public struct ConditionValue: Sendable, CustomStringConvertible {
    let value: Value
    /// The value's type in DSL spelling (`int`, `list<string>`, `map<any>`, `list<any>` for
    /// an empty list): the static type, refined by the runtime value where the static type
    /// is `any`.
    public let typeName: String

    init(_ value: Value, staticType: CheckedType) {
        self.value = value
        self.typeName = staticType.containsDyn ? value.typeName : staticType.description
    }

    /// The value if it is a bool.
    public var boolValue: Bool? {
        if case .bool(let value) = value { return value }
        return nil
    }

    /// `{"type":"int","value":3}`, as `tessera condition eval` prints it.
    public var jsonText: String {
        var out = "{\"type\":"
        JSONValue.writeString(typeName, to: &out)
        out += ",\"value\":"
        Self.write(value, to: &out)
        return out + "}"
    }

    /// The value alone as JSON: timestamps as RFC 3339 strings, durations as CEL's string
    /// form (`"5400s"`), doubles as numbers or `"NaN"`, `"Infinity"`, `"-Infinity"`,
    /// addresses as text, lists and maps as JSON arrays and objects.
    public var valueJSONText: String {
        var out = ""
        Self.write(value, to: &out)
        return out
    }

    public var description: String { valueJSONText }

    static func write(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if d.isNaN {
                out += "\"NaN\""
            } else if d.isInfinite {
                out += d < 0 ? "\"-Infinity\"" : "\"Infinity\""
            } else {
                out += "\(d)"
            }
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .duration(let d): JSONValue.writeString(d.celString, to: &out)
        case .timestamp(let t): JSONValue.writeString(t.rfc3339, to: &out)
        case .ipAddress(let ip): JSONValue.writeString(ip.text, to: &out)
        case .list(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        case .map(let map):
            out += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(entry.key.text, to: &out)
                out += ":"
                write(entry.value, to: &out)
            }
            out += "}"
        }
    }
}
