/// One signature of a function or operator.
struct Overload: Sendable {
    /// Called as `target.name(args)` rather than `name(target, args)`.
    var isMember: Bool
    /// Parameter types, the receiver first for member overloads.
    var parameters: [CheckedType]
    var result: CheckedType
}

/// The functions and operators conditions may use: CEL's standard library (cel-go's
/// `stdlib`, without bytes and the `type()` function) plus OpenFGA's `ipaddress()` and
/// `<ipaddress>.in_cidr()`.
enum FunctionDeclarations {
    private static let a = CheckedType.parameter(0)
    private static let b = CheckedType.parameter(1)

    private static func global(_ parameters: CheckedType..., result: CheckedType) -> Overload {
        Overload(isMember: false, parameters: parameters, result: result)
    }

    private static func member(_ parameters: CheckedType..., result: CheckedType) -> Overload {
        Overload(isMember: true, parameters: parameters, result: result)
    }

    private static func arithmetic(_ types: [CheckedType]) -> [Overload] {
        types.map { global($0, $0, result: $0) }
    }

    /// `<`, `<=`, `>`, `>=`: same-type comparisons plus cel-go's mixed numeric ones.
    private static let ordering: [Overload] = {
        var overloads = [CheckedType.bool, .int, .uint, .double, .string, .timestamp, .duration].map { global($0, $0, result: .bool) }
        let numeric: [CheckedType] = [.int, .uint, .double]
        for lhs in numeric {
            for rhs in numeric where lhs != rhs { overloads.append(global(lhs, rhs, result: .bool)) }
        }
        return overloads
    }()

    private static let timestampAccessors = [
        "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek",
    ]
    private static let timeAccessors = ["getHours", "getMinutes", "getSeconds", "getMilliseconds"]

    static let overloads: [String: [Overload]] = {
        var table: [String: [Overload]] = [
            "!_": [global(.bool, result: .bool)],
            "-_": [global(.int, result: .int), global(.double, result: .double)],
            "_&&_": [global(.bool, .bool, result: .bool)],
            "_||_": [global(.bool, .bool, result: .bool)],
            "_?_:_": [global(.bool, a, a, result: a)],
            "_==_": [global(a, a, result: .bool)],
            "_!=_": [global(a, a, result: .bool)],
            "_+_": arithmetic([.int, .uint, .double, .string, .duration]) + [
                global(.list(a), .list(a), result: .list(a)),
                global(.timestamp, .duration, result: .timestamp),
                global(.duration, .timestamp, result: .timestamp),
            ],
            "_-_": arithmetic([.int, .uint, .double, .duration]) + [
                global(.timestamp, .timestamp, result: .duration),
                global(.timestamp, .duration, result: .timestamp),
            ],
            "_*_": arithmetic([.int, .uint, .double]),
            "_/_": arithmetic([.int, .uint, .double]),
            "_%_": arithmetic([.int, .uint]),
            "_<_": ordering, "_<=_": ordering, "_>_": ordering, "_>=_": ordering,
            "_[_]": [global(.list(a), .int, result: a), global(.map(a, b), a, result: b)],
            "@in": [global(a, .list(a), result: .bool), global(a, .map(a, b), result: .bool)],
            "size": [
                global(.string, result: .int), member(.string, result: .int),
                global(.list(a), result: .int), member(.list(a), result: .int),
                global(.map(a, b), result: .int), member(.map(a, b), result: .int),
            ],
            "contains": [member(.string, .string, result: .bool)],
            "startsWith": [member(.string, .string, result: .bool)],
            "endsWith": [member(.string, .string, result: .bool)],
            "matches": [global(.string, .string, result: .bool), member(.string, .string, result: .bool)],
            "int": [.int, .uint, .double, .string, .timestamp, .duration].map { global($0, result: .int) },
            "uint": [.uint, .int, .double, .string].map { global($0, result: .uint) },
            "double": [.double, .int, .uint, .string].map { global($0, result: .double) },
            "string": [.string, .bool, .double, .int, .uint, .timestamp, .duration].map { global($0, result: .string) },
            "bool": [.bool, .string].map { global($0, result: .bool) },
            "timestamp": [.timestamp, .int, .string].map { global($0, result: .timestamp) },
            "duration": [.duration, .int, .string].map { global($0, result: .duration) },
            "dyn": [global(a, result: .dyn)],
            "ipaddress": [global(.string, result: .ipAddress)],
            "in_cidr": [member(.ipAddress, .string, result: .bool)],
        ]
        for name in timestampAccessors + timeAccessors {
            table[name] = [member(.timestamp, result: .int), member(.timestamp, .string, result: .int)]
        }
        for name in timeAccessors {
            table[name, default: []].append(member(.duration, result: .int))
        }
        return table
    }()

    /// How an operator is written in messages (`_+_` → `+`).
    static func displayName(_ function: String) -> String {
        switch function {
        case "@in": "in"
        case "_?_:_": "?:"
        case "_[_]": "[]"
        default:
            function.hasPrefix("_") || function.hasSuffix("_") ? function.filter { $0 != "_" } : function
        }
    }
}
