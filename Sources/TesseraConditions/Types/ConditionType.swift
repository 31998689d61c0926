/// The type of a condition parameter or of a condition expression.
///
/// These are the types OpenFGA registers for conditions (`TYPE_NAME_*` in its API): the
/// DSL spells them `bool`, `string`, `int`, `uint`, `double`, `duration`, `timestamp`,
/// `ipaddress`, `list<T>` and `map<T>`. `any` exists only in the JSON form of a model
/// (and as the element type of an empty list literal); the DSL cannot name it.
public enum ConditionType: Sendable, Hashable {
    case any
    case bool
    case string
    case int
    case uint
    case double
    case duration
    case timestamp
    case ipAddress
    // Only the generic cases are boxed, so scalar types copy without reference counting.
    indirect case list(ConditionType)
    indirect case map(ConditionType)

    /// The scalar types, by their DSL spelling.
    public static let scalarTypesByName: [String: ConditionType] = [
        "bool": .bool, "string": .string, "int": .int, "uint": .uint, "double": .double,
        "duration": .duration, "timestamp": .timestamp, "ipaddress": .ipAddress,
    ]

    /// Parses the DSL spelling of a type: a scalar name, `list<T>` or `map<T>`.
    ///
    /// Whitespace around the generic argument is accepted (`map< string >`); `any` is
    /// accepted only when `allowAny` is set, since the DSL grammar has no `any`.
    public init?(dslName: String, allowAny: Bool = false) {
        let name = dslName.trimmingWhitespace()
        if let scalar = Self.scalarTypesByName[name] {
            self = scalar
            return
        }
        if allowAny, name == "any" {
            self = .any
            return
        }
        for (prefix, make) in [("list", ConditionType.list), ("map", ConditionType.map)] as [(String, (ConditionType) -> ConditionType)] {
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count).trimmingWhitespace()
            guard rest.hasPrefix("<"), rest.hasSuffix(">"), rest.count >= 2 else { return nil }
            let inner = String(rest.dropFirst().dropLast())
            guard let element = ConditionType(dslName: inner, allowAny: allowAny) else { return nil }
            // The DSL and OpenFGA allow one level of generics only.
            if case .list = element { return nil }
            if case .map = element { return nil }
            self = make(element)
            return
        }
        return nil
    }

    /// The DSL spelling: `int`, `list<string>`, `map<any>`.
    public var dslName: String {
        switch self {
        case .any: "any"
        case .bool: "bool"
        case .string: "string"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .duration: "duration"
        case .timestamp: "timestamp"
        case .ipAddress: "ipaddress"
        case .list(let element): "list<\(element.dslName)>"
        case .map(let element): "map<\(element.dslName)>"
        }
    }

    /// OpenFGA's API enum name for the outer type (`TYPE_NAME_INT`, `TYPE_NAME_LIST`, ...).
    public var apiTypeName: String {
        switch self {
        case .any: "TYPE_NAME_ANY"
        case .bool: "TYPE_NAME_BOOL"
        case .string: "TYPE_NAME_STRING"
        case .int: "TYPE_NAME_INT"
        case .uint: "TYPE_NAME_UINT"
        case .double: "TYPE_NAME_DOUBLE"
        case .duration: "TYPE_NAME_DURATION"
        case .timestamp: "TYPE_NAME_TIMESTAMP"
        case .ipAddress: "TYPE_NAME_IPADDRESS"
        case .list: "TYPE_NAME_LIST"
        case .map: "TYPE_NAME_MAP"
        }
    }

    /// The generic arguments in API form (empty for scalars).
    public var genericArguments: [ConditionType] {
        switch self {
        case .list(let element), .map(let element): [element]
        default: []
        }
    }

    /// Builds a type from OpenFGA's API form: an enum name plus generic arguments.
    ///
    /// Returns `nil` for unknown names, for `list`/`map` without exactly one argument and
    /// for arguments on scalar types.
    public init?(apiTypeName: String, genericArguments: [ConditionType]) {
        let scalars: [String: ConditionType] = [
            "TYPE_NAME_ANY": .any, "TYPE_NAME_BOOL": .bool, "TYPE_NAME_STRING": .string,
            "TYPE_NAME_INT": .int, "TYPE_NAME_UINT": .uint, "TYPE_NAME_DOUBLE": .double,
            "TYPE_NAME_DURATION": .duration, "TYPE_NAME_TIMESTAMP": .timestamp,
            "TYPE_NAME_IPADDRESS": .ipAddress,
        ]
        if let scalar = scalars[apiTypeName] {
            guard genericArguments.isEmpty else { return nil }
            self = scalar
            return
        }
        guard genericArguments.count == 1 else { return nil }
        switch apiTypeName {
        case "TYPE_NAME_LIST": self = .list(genericArguments[0])
        case "TYPE_NAME_MAP": self = .map(genericArguments[0])
        default: return nil
        }
    }
}

extension ConditionType: CustomStringConvertible {
    public var description: String { dslName }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
