/// Runtime implementations of the functions `FunctionDeclarations` declares, by name and
/// arity. Receiver-style calls pass the receiver first. Implementations dispatch on the
/// values' kinds (as cel-go does), which also serves expressions of type `dyn`.
enum StandardLibrary {
    typealias Unary = @Sendable (Value) throws(EvaluationError) -> Value
    typealias Binary = @Sendable (Value, Value) throws(EvaluationError) -> Value

    static func unary(_ function: String) -> Unary? {
        if TimeFunctions.accessorNames.contains(function) {
            return { value throws(EvaluationError) in try TimeFunctions.accessor(function, value, timeZone: nil) }
        }
        return unaryFunctions[function]
    }

    static func binary(_ function: String) -> Binary? {
        if TimeFunctions.accessorNames.contains(function) {
            return { value, zone throws(EvaluationError) in try TimeFunctions.accessor(function, value, timeZone: zone) }
        }
        return binaryFunctions[function]
    }

    private static let unaryFunctions: [String: Unary] = [
        "!_": { value throws(EvaluationError) in
            guard case .bool(let b) = value else { throw .noSuchOverload("!_", value) }
            return .bool(!b)
        },
        "-_": { value throws(EvaluationError) in try Arithmetic.negate(value) },
        "size": { value throws(EvaluationError) in try StringFunctions.size(value) },
        "int": { value throws(EvaluationError) in try Conversions.toInt(value) },
        "uint": { value throws(EvaluationError) in try Conversions.toUint(value) },
        "double": { value throws(EvaluationError) in try Conversions.toDouble(value) },
        "string": { value throws(EvaluationError) in try Conversions.toString(value) },
        "bool": { value throws(EvaluationError) in try Conversions.toBool(value) },
        "timestamp": { value throws(EvaluationError) in try Conversions.toTimestamp(value) },
        "duration": { value throws(EvaluationError) in try Conversions.toDuration(value) },
        "dyn": { value throws(EvaluationError) in value },
        "ipaddress": { value throws(EvaluationError) in try IPAddressFunctions.parse(value) },
    ]

    private static func ordering(_ function: String, _ accept: @escaping @Sendable (Int) -> Bool) -> Binary {
        { lhs, rhs throws(EvaluationError) in .bool(accept(try Comparison.compare(function, lhs, rhs))) }
    }

    private static let binaryFunctions: [String: Binary] = [
        "_+_": { lhs, rhs throws(EvaluationError) in try Arithmetic.add(lhs, rhs) },
        "_-_": { lhs, rhs throws(EvaluationError) in try Arithmetic.subtract(lhs, rhs) },
        "_*_": { lhs, rhs throws(EvaluationError) in try Arithmetic.multiply(lhs, rhs) },
        "_/_": { lhs, rhs throws(EvaluationError) in try Arithmetic.divide(lhs, rhs) },
        "_%_": { lhs, rhs throws(EvaluationError) in try Arithmetic.modulo(lhs, rhs) },
        "_==_": { lhs, rhs throws(EvaluationError) in .bool(Equality.equals(lhs, rhs)) },
        "_!=_": { lhs, rhs throws(EvaluationError) in .bool(!Equality.equals(lhs, rhs)) },
        "_<_": ordering("_<_") { $0 < 0 },
        "_<=_": ordering("_<=_") { $0 <= 0 },
        "_>_": ordering("_>_") { $0 > 0 },
        "_>=_": ordering("_>=_") { $0 >= 0 },
        "_[_]": { lhs, rhs throws(EvaluationError) in try Collections.index(lhs, rhs) },
        "@in": { lhs, rhs throws(EvaluationError) in try Collections.contains(rhs, lhs) },
        "contains": { lhs, rhs throws(EvaluationError) in try StringFunctions.contains(lhs, rhs) },
        "startsWith": { lhs, rhs throws(EvaluationError) in try StringFunctions.startsWith(lhs, rhs) },
        "endsWith": { lhs, rhs throws(EvaluationError) in try StringFunctions.endsWith(lhs, rhs) },
        "matches": { lhs, rhs throws(EvaluationError) in
            guard case .string(let text) = lhs, case .string(let pattern) = rhs else { throw .noSuchOverload("matches", lhs, rhs) }
            do throws(RegexError) {
                return .bool(try Regex(pattern).matches(text))
            } catch {
                throw EvaluationError("invalid regular expression '\(pattern)': \(error.message)")
            }
        },
        "in_cidr": { lhs, rhs throws(EvaluationError) in try IPAddressFunctions.inCIDR(lhs, rhs) },
    ]
}

/// Indexing and membership on lists and maps.
enum Collections {
    static func index(_ container: Value, _ key: Value) throws(EvaluationError) -> Value {
        switch container {
        case .list(let elements):
            let position: Int64
            switch key {
            case .int(let i): position = i
            case .uint(let u) where u <= UInt64(Int64.max): position = Int64(u)
            case .double(let d) where Int64(exactly: d) != nil: position = Int64(exactly: d) ?? -1
            default: throw .noSuchOverload("_[_]", container, key)
            }
            guard position >= 0, position < Int64(elements.count) else {
                throw EvaluationError("index out of bounds: \(position) (list size \(elements.count))")
            }
            return elements[Int(position)]
        case .map(let map):
            guard let mapKey = MapKey(lookup: key) else {
                if case .double = key { throw EvaluationError("no such key: \(Conversions.describe(key))") }
                throw .noSuchOverload("_[_]", container, key)
            }
            guard let value = map[mapKey] else { throw EvaluationError("no such key: \(mapKey.text)") }
            return value
        default:
            throw .noSuchOverload("_[_]", container, key)
        }
    }

    static func contains(_ container: Value, _ element: Value) throws(EvaluationError) -> Value {
        switch container {
        case .list(let elements):
            return .bool(elements.contains { Equality.equals($0, element) })
        case .map(let map):
            guard let key = MapKey(lookup: element) else { return .bool(false) }
            return .bool(map[key] != nil)
        default:
            throw .noSuchOverload("@in", element, container)
        }
    }
}

extension Conversions {
    /// Short text of a scalar value for messages.
    static func describe(_ value: Value) -> String {
        switch value {
        case .double(let d): GoFloatFormat.general(d)
        case .string(let s): "'\(s)'"
        default: value.typeName
        }
    }
}
