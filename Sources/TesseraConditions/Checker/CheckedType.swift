/// A type as the checker sees it: the condition types plus `null`, CEL's `map<K, V>` with
/// any key type, overload type parameters (`A`, `B`) and inference variables.
indirect enum CheckedType: Sendable, Hashable {
    case dyn
    case null
    case bool, int, uint, double, string, duration, timestamp, ipAddress
    case list(CheckedType)
    case map(CheckedType, CheckedType)
    /// A type parameter of an overload declaration (0 = A, 1 = B).
    case parameter(Int)
    /// A type variable created while checking one expression.
    case variable(Int)

    /// The checker type of a declared parameter type; `any` is CEL's `dyn`, maps have string keys.
    init(_ type: ConditionType) {
        switch type {
        case .any: self = .dyn
        case .bool: self = .bool
        case .string: self = .string
        case .int: self = .int
        case .uint: self = .uint
        case .double: self = .double
        case .duration: self = .duration
        case .timestamp: self = .timestamp
        case .ipAddress: self = .ipAddress
        case .list(let element): self = .list(CheckedType(element))
        case .map(let element): self = .map(.string, CheckedType(element))
        }
    }

    /// Whether the type mentions `dyn` anywhere (its values' types are only known at runtime).
    var containsDyn: Bool {
        switch self {
        case .dyn, .variable, .parameter: true
        case .list(let element): element.containsDyn
        case .map(let key, let value): key.containsDyn || value.containsDyn
        default: false
        }
    }

    /// `null` may stand for these types (cel-go's legacy nullability: durations,
    /// timestamps and message/opaque types such as `ipaddress`).
    var isNullable: Bool {
        switch self {
        case .duration, .timestamp, .ipAddress, .null, .dyn: true
        default: false
        }
    }
}

extension CheckedType: CustomStringConvertible {
    /// DSL spelling (`int`, `list<string>`, `map<int>`, `any`); maps with non-string keys
    /// are written `map<K, V>`.
    var description: String {
        switch self {
        case .dyn, .variable, .parameter: "any"
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .duration: "duration"
        case .timestamp: "timestamp"
        case .ipAddress: "ipaddress"
        case .list(let element): "list<\(element)>"
        case .map(.string, let value), .map(.dyn, let value), .map(.variable, let value): "map<\(value)>"
        case .map(let key, let value): "map<\(key), \(value)>"
        }
    }
}

/// Bindings of type variables, with cel-go's assignability rules.
struct TypeSubstitution {
    private var bindings: [Int: CheckedType] = [:]
    private var nextVariable = 0

    mutating func freshVariable() -> CheckedType {
        nextVariable += 1
        return .variable(nextVariable)
    }

    /// The type with all bound variables replaced; unbound ones stay (or become `dyn`).
    func resolve(_ type: CheckedType, freeAsDyn: Bool = false) -> CheckedType {
        switch type {
        case .variable(let id):
            if let bound = bindings[id] { return resolve(bound, freeAsDyn: freeAsDyn) }
            return freeAsDyn ? .dyn : type
        case .list(let element): return .list(resolve(element, freeAsDyn: freeAsDyn))
        case .map(let key, let value): return .map(resolve(key, freeAsDyn: freeAsDyn), resolve(value, freeAsDyn: freeAsDyn))
        default: return type
        }
    }

    private func occurs(_ id: Int, in type: CheckedType) -> Bool {
        switch resolve(type) {
        case .variable(let other): other == id
        case .list(let element): occurs(id, in: element)
        case .map(let key, let value): occurs(id, in: key) || occurs(id, in: value)
        default: false
        }
    }

    /// Whether a value of type `actual` may be used where `formal` is expected, binding
    /// variables as needed (the bindings stay only if the caller keeps this substitution).
    mutating func isAssignable(_ actual: CheckedType, to formal: CheckedType) -> Bool {
        if case .variable(let id) = formal { return bind(id, actual) }
        if case .variable(let id) = actual { return bind(id, formal) }
        switch (actual, formal) {
        case (.dyn, _), (_, .dyn): return true
        case (.null, let other), (let other, .null): return other.isNullable
        case (.list(let a), .list(let b)): return isAssignable(a, to: b)
        case (.map(let k1, let v1), .map(let k2, let v2)): return isAssignable(k1, to: k2) && isAssignable(v1, to: v2)
        default: return actual == formal
        }
    }

    private mutating func bind(_ id: Int, _ type: CheckedType) -> Bool {
        if case .variable(let other) = type, other == id { return true }
        if let bound = bindings[id] {
            guard isAssignable(type, to: bound) else { return false }
            // Keep the more general of the two, as cel-go does (dyn over a concrete type,
            // a concrete type over null).
            let resolvedBound = resolve(bound)
            if type == .dyn || (resolvedBound == .null && type != .null) {
                if !occurs(id, in: type) { bindings[id] = type }
            }
            return true
        }
        guard !occurs(id, in: type) else { return false }
        bindings[id] = type
        return true
    }

    /// The type of a literal whose elements have types `previous` and `next`: the more
    /// general of the two when compatible, `dyn` otherwise (CEL allows mixed literals).
    mutating func join(_ previous: CheckedType?, _ next: CheckedType) -> CheckedType {
        guard let previous else { return next }
        var trial = self
        guard trial.isAssignable(next, to: previous) else { return .dyn }
        self = trial
        let resolved = resolve(previous)
        return resolved == .null ? next : previous
    }
}
