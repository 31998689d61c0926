/// CEL's type checker for conditions: every identifier is a declared parameter (or a
/// comprehension variable), every operator and function is applied to types one of its
/// overloads accepts, and the expression's type is computed.
///
/// Follows cel-go's checker: overloads with type parameters are instantiated with fresh
/// variables, `dyn` is assignable both ways, `null` only to durations, timestamps and
/// `ipaddress`, mixed list and map literals get `dyn` elements, and a call matching several
/// overloads with different results has type `dyn`. There is no implicit numeric
/// conversion: `1 == 1.0` is an error, while `1 < 1.5` has its own overload.
struct TypeChecker {
    private var scopes: [[String: CheckedType]]
    private var substitution = TypeSubstitution()

    init(parameters: [String: ConditionType]) {
        scopes = [parameters.mapValues(CheckedType.init)]
    }

    /// The type of `expr` with free variables resolved to `dyn`.
    mutating func check(_ expr: Expr) throws(ConditionError) -> CheckedType {
        substitution.resolve(try type(of: expr), freeAsDyn: true)
    }

    private func error(_ message: String, at position: Int) -> ConditionError {
        ConditionError(code: .type, message: message, position: position)
    }

    private func lookup(_ name: String) -> CheckedType? {
        for scope in scopes.reversed() {
            if let type = scope[name] { return type }
        }
        return nil
    }

    private mutating func type(of expr: Expr) throws(ConditionError) -> CheckedType {
        switch expr.kind {
        case .literal(let value):
            return value.runtimeType
        case .identifier(let name):
            guard let type = lookup(name) else { throw error("undeclared reference to '\(name)'", at: expr.position) }
            return type
        case .select(let operand, let field, let testOnly):
            let operandType = substitution.resolve(try type(of: operand))
            switch operandType {
            case .map(let key, let value):
                guard substitution.isAssignable(.string, to: key) else {
                    throw error("type '\(operandType)' does not support field selection", at: expr.position)
                }
                return testOnly ? .bool : value
            case .dyn, .variable:
                return testOnly ? .bool : .dyn
            default:
                let what = testOnly ? "presence test of field '\(field)'" : "field selection"
                throw error("type '\(operandType)' does not support \(what)", at: expr.position)
            }
        case .list(let elements):
            var elementType: CheckedType?
            for element in elements {
                elementType = substitution.join(elementType, try type(of: element))
            }
            return .list(elementType ?? substitution.freshVariable())
        case .map(let entries):
            var keyType: CheckedType?
            var valueType: CheckedType?
            for entry in entries {
                keyType = substitution.join(keyType, try type(of: entry.key))
                valueType = substitution.join(valueType, try type(of: entry.value))
            }
            return .map(keyType ?? substitution.freshVariable(), valueType ?? substitution.freshVariable())
        case .call(let function, let target, let arguments):
            var argumentTypes: [CheckedType] = []
            if let target { argumentTypes.append(try type(of: target)) }
            for argument in arguments { argumentTypes.append(try type(of: argument)) }
            return try resolveOverload(function, isMember: target != nil, argumentTypes: argumentTypes, at: expr.position)
        case .comprehension(let comprehension):
            return try type(of: comprehension, at: expr.position)
        }
    }

    private mutating func resolveOverload(_ function: String, isMember: Bool, argumentTypes: [CheckedType], at position: Int) throws(ConditionError) -> CheckedType {
        guard let overloads = FunctionDeclarations.overloads[function] else {
            throw error("undeclared reference to '\(function)'", at: position)
        }
        var result: CheckedType?
        for overload in overloads where overload.isMember == isMember && overload.parameters.count == argumentTypes.count {
            var trial = substitution
            // Instantiate the overload's type parameters with fresh variables.
            let a = trial.freshVariable()
            let b = trial.freshVariable()
            func instantiate(_ type: CheckedType) -> CheckedType {
                switch type {
                case .parameter(0): a
                case .parameter: b
                case .list(let element): .list(instantiate(element))
                case .map(let key, let value): .map(instantiate(key), instantiate(value))
                default: type
                }
            }
            var matches = true
            for (actual, formal) in zip(argumentTypes, overload.parameters) where !trial.isAssignable(actual, to: instantiate(formal)) {
                matches = false
                break
            }
            guard matches else { continue }
            substitution = trial
            let overloadResult = substitution.resolve(instantiate(overload.result))
            if let previous = result, substitution.resolve(previous) != overloadResult {
                result = .dyn
            } else if result == nil {
                result = overloadResult
            }
        }
        guard let result else {
            let shown = argumentTypes.map { substitution.resolve($0, freeAsDyn: true).description }
            let applied = isMember && !shown.isEmpty
                ? "\(shown[0]).(\(shown.dropFirst().joined(separator: ", ")))"
                : "(\(shown.joined(separator: ", ")))"
            throw error("found no matching overload for '\(FunctionDeclarations.displayName(function))' applied to '\(applied)'", at: position)
        }
        return result
    }

    private mutating func type(of comprehension: Comprehension, at position: Int) throws(ConditionError) -> CheckedType {
        let rangeType = substitution.resolve(try type(of: comprehension.range))
        let elementType: CheckedType
        switch rangeType {
        case .list(let element): elementType = element
        case .map(let key, _): elementType = key
        case .dyn, .variable: elementType = .dyn
        default:
            throw error("expression of type '\(rangeType)' cannot be range of a comprehension (must be list, map, or dynamic)", at: comprehension.range.position)
        }
        scopes.append([comprehension.variable: elementType])
        defer { scopes.removeLast() }
        if let filter = comprehension.filter {
            try requireBool(filter, macro: comprehension.kind)
        }
        switch comprehension.kind {
        case .all, .exists, .existsOne:
            try requireBool(comprehension.body, macro: comprehension.kind)
            return .bool
        case .filter:
            try requireBool(comprehension.body, macro: comprehension.kind)
            return .list(elementType)
        case .map:
            return .list(try type(of: comprehension.body))
        }
    }

    private mutating func requireBool(_ predicate: Expr, macro: MacroKind) throws(ConditionError) {
        let predicateType = try type(of: predicate)
        guard substitution.isAssignable(predicateType, to: .bool) else {
            throw error("the predicate of '\(macro.rawValue)' must be bool, found '\(substitution.resolve(predicateType, freeAsDyn: true))'", at: predicate.position)
        }
    }
}
