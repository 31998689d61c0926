/// A compiled expression node: evaluates against an activation.
typealias Evaluation = @Sendable (inout Activation) throws(EvaluationError) -> Value

/// A compiled node and, when it is a compile-time constant, its value.
struct CompiledNode: Sendable {
    var evaluate: Evaluation
    var constant: Value?

    static func constant(_ value: Value) -> CompiledNode {
        CompiledNode(evaluate: { _ throws(EvaluationError) in value }, constant: value)
    }
}

extension EvaluationError {
    /// The error, placed at `position` unless an inner node already placed it.
    @inline(__always)
    func at(_ position: Int) -> EvaluationError {
        guard self.position == nil else { return self }
        var placed = self
        placed.position = position
        return placed
    }
}

/// Turns a type-checked expression into a tree of closures with variables resolved to
/// slots, so evaluation never looks at names, re-parses or re-checks. Constant list and
/// map literals are folded and constant regex patterns compiled here (an invalid
/// constant pattern is a compile error, as with cel-go's regex precompilation).
struct Compiler {
    private var scopes: [[String: Int]]
    private var nextSlot: Int
    private(set) var slotCount: Int
    /// First position at which each parameter is read.
    private(set) var firstUse: [String: Int] = [:]

    init(parameterSlots: [String: Int]) {
        scopes = [parameterSlots]
        nextSlot = parameterSlots.count
        slotCount = parameterSlots.count
    }

    private func slot(of name: String) -> Int? {
        for scope in scopes.reversed() {
            if let slot = scope[name] { return slot }
        }
        return nil
    }

    mutating func compile(_ expr: Expr) throws(ConditionError) -> CompiledNode {
        let position = expr.position
        switch expr.kind {
        case .literal(let value):
            return .constant(value)
        case .identifier(let name):
            guard let slot = slot(of: name) else {
                throw ConditionError(code: .type, message: "undeclared reference to '\(name)'", position: position)
            }
            if slot < scopes[0].count, firstUse[name] == nil { firstUse[name] = position }
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                try activation.charge(1)
                return activation.slots[slot]
            })
        case .select(let operand, let field, let testOnly):
            let target = try compile(operand).evaluate
            let key = MapKey.string(field)
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                let value = try target(&activation)
                try activation.charge(1)
                guard case .map(let map) = value else {
                    throw EvaluationError("type '\(value.typeName)' does not support field selection").at(position)
                }
                if testOnly { return .bool(map[key] != nil) }
                guard let found = map[key] else { throw EvaluationError("no such key: \(field)").at(position) }
                return found
            })
        case .list(let elements):
            let nodes = try elements.map { (element: Expr) throws(ConditionError) in try compile(element) }
            let constants = nodes.compactMap(\.constant)
            if constants.count == nodes.count { return .constant(.list(constants)) }
            let evaluations = nodes.map(\.evaluate)
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(evaluations.count)
                for evaluation in evaluations { values.append(try evaluation(&activation)) }
                try activation.charge(CostModel.listLiteral)
                return .list(values)
            })
        case .map(let entries):
            var nodes: [(key: CompiledNode, value: CompiledNode, position: Int)] = []
            for entry in entries {
                nodes.append((try compile(entry.key), try compile(entry.value), entry.key.position))
            }
            let build = { @Sendable (_ pairs: [(Value, Value, Int)]) throws(EvaluationError) -> Value in
                var map = MapValue()
                for (key, value, keyPosition) in pairs {
                    guard let mapKey = MapKey(literal: key) else {
                        throw EvaluationError("unsupported map key type: \(key.typeName)").at(keyPosition)
                    }
                    guard map.insert(mapKey, value) else {
                        throw EvaluationError("repeated map key: \(mapKey.text)").at(keyPosition)
                    }
                }
                return .map(map)
            }
            if nodes.allSatisfy({ $0.key.constant != nil && $0.value.constant != nil }) {
                let pairs = nodes.map { ($0.key.constant ?? .null, $0.value.constant ?? .null, $0.position) }
                do throws(EvaluationError) {
                    return .constant(try build(pairs))
                } catch {
                    throw error.conditionError.withCode(.type)
                }
            }
            let evaluations = nodes.map { ($0.key.evaluate, $0.value.evaluate, $0.position) }
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                var pairs: [(Value, Value, Int)] = []
                pairs.reserveCapacity(evaluations.count)
                for (key, value, keyPosition) in evaluations {
                    pairs.append((try key(&activation), try value(&activation), keyPosition))
                }
                try activation.charge(CostModel.mapLiteral)
                return try build(pairs)
            })
        case .call(let function, let target, let arguments):
            var operands: [Expr] = []
            if let target { operands.append(target) }
            operands += arguments
            return try compileCall(function, operands, at: position)
        case .comprehension(let comprehension):
            return try compileComprehension(comprehension, at: position)
        }
    }

    // MARK: Calls

    private mutating func compileCall(_ function: String, _ operands: [Expr], at position: Int) throws(ConditionError) -> CompiledNode {
        let nodes = try operands.map { (operand: Expr) throws(ConditionError) in try compile(operand) }
        let evaluations = nodes.map(\.evaluate)
        switch (function, evaluations.count) {
        case ("_&&_", 2), ("_||_", 2):
            return CompiledNode(evaluate: Self.logical(isAnd: function == "_&&_", evaluations[0], evaluations[1], at: position))
        case ("_?_:_", 3):
            let (condition, whenTrue, whenFalse) = (evaluations[0], evaluations[1], evaluations[2])
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                switch try condition(&activation) {
                case .bool(true): return try whenTrue(&activation)
                case .bool(false): return try whenFalse(&activation)
                case let other: throw EvaluationError.noSuchOverload("_?_:_", other).at(position)
                }
            })
        case ("matches", 2):
            if let constant = nodes[1].constant, case .string(let pattern) = constant {
                let regex: Regex
                do throws(RegexError) {
                    regex = try Regex(pattern)
                } catch {
                    throw ConditionError(code: .type, message: "invalid regular expression '\(pattern)': \(error.message)", position: operands[1].position)
                }
                return binary(function, evaluations[0], evaluations[1], at: position) { text, _ throws(EvaluationError) in
                    guard case .string(let s) = text else { throw .noSuchOverload("matches", text, constant) }
                    return .bool(regex.matches(s))
                }
            }
        default:
            break
        }
        switch evaluations.count {
        case 1:
            guard let implementation = StandardLibrary.unary(function) else { break }
            let operand = evaluations[0]
            return CompiledNode(evaluate: { activation throws(EvaluationError) in
                let value = try operand(&activation)
                try activation.charge(1)
                do throws(EvaluationError) { return try implementation(value) } catch { throw error.at(position) }
            })
        case 2:
            guard let implementation = StandardLibrary.binary(function) else { break }
            return binary(function, evaluations[0], evaluations[1], at: position, implementation)
        default:
            break
        }
        throw ConditionError(code: .type, message: "undeclared reference to '\(function)' with \(operands.count) arguments", position: position)
    }

    private func binary(
        _ function: String, _ lhs: @escaping Evaluation, _ rhs: @escaping Evaluation, at position: Int,
        _ implementation: @escaping @Sendable (Value, Value) throws(EvaluationError) -> Value
    ) -> CompiledNode {
        let rule = CostModel.Rule(function: function)
        return CompiledNode(evaluate: { activation throws(EvaluationError) in
            let left = try lhs(&activation)
            let right = try rhs(&activation)
            try activation.charge(rule.cost(left, right))
            do throws(EvaluationError) { return try implementation(left, right) } catch { throw error.at(position) }
        })
    }

    /// CEL's commutative `&&` / `||`: a decisive operand (false for `&&`, true for `||`) wins
    /// even over an error in the other; otherwise the first error is the result. Running out
    /// of budget is never absorbed.
    private static func logical(isAnd: Bool, _ lhs: @escaping Evaluation, _ rhs: @escaping Evaluation, at position: Int) -> Evaluation {
        let decisive = !isAnd
        let function = isAnd ? "_&&_" : "_||_"
        return { activation throws(EvaluationError) in
            var pending: EvaluationError?
            do throws(EvaluationError) {
                switch try lhs(&activation) {
                case .bool(let value) where value == decisive: return .bool(decisive)
                case .bool: break
                case let other: pending = EvaluationError.noSuchOverload(function, other).at(position)
                }
            } catch {
                if error.kind == .costExceeded { throw error }
                pending = error
            }
            let right: Value
            do throws(EvaluationError) {
                right = try rhs(&activation)
            } catch {
                if error.kind == .costExceeded { throw error }
                throw pending ?? error
            }
            switch right {
            case .bool(let value) where value == decisive: return .bool(decisive)
            case .bool:
                if let pending { throw pending }
                return .bool(!decisive)
            case let other:
                throw pending ?? EvaluationError.noSuchOverload(function, other).at(position)
            }
        }
    }

    // MARK: Comprehensions

    private mutating func compileComprehension(_ comprehension: Comprehension, at position: Int) throws(ConditionError) -> CompiledNode {
        let range = try compile(comprehension.range).evaluate
        let slot = nextSlot
        nextSlot += 1
        slotCount = max(slotCount, nextSlot)
        scopes.append([comprehension.variable: slot])
        let body = try compile(comprehension.body).evaluate
        let filter = try comprehension.filter.map { (filter: Expr) throws(ConditionError) in try compile(filter).evaluate }
        scopes.removeLast()
        nextSlot -= 1
        let kind = comprehension.kind
        let macro = kind.rawValue

        @Sendable func predicate(_ value: Value) throws(EvaluationError) -> Bool {
            guard case .bool(let result) = value else { throw EvaluationError.noSuchOverload(macro, value).at(position) }
            return result
        }

        return CompiledNode(evaluate: { activation throws(EvaluationError) in
            let elements: [Value]
            switch try range(&activation) {
            case .list(let list): elements = list
            case .map(let map): elements = map.keys.map(\.value)
            case let other:
                throw EvaluationError("cannot range over a value of type '\(other.typeName)'").at(position)
            }
            switch kind {
            case .all, .exists:
                // Stops at the first decisive element; otherwise the first error is the result.
                let decisive = kind == .exists
                var pending: EvaluationError?
                for element in elements {
                    try activation.charge(CostModel.quantifierPerElement)
                    activation.slots[slot] = element
                    do throws(EvaluationError) {
                        if try predicate(body(&activation)) == decisive { return .bool(decisive) }
                    } catch {
                        if error.kind == .costExceeded { throw error }
                        if pending == nil { pending = error }
                    }
                }
                if let pending { throw pending }
                return .bool(!decisive)
            case .existsOne:
                var count = 0
                for element in elements {
                    try activation.charge(CostModel.quantifierPerElement)
                    activation.slots[slot] = element
                    if try predicate(body(&activation)) { count += 1 }
                }
                return .bool(count == 1)
            case .map:
                var results: [Value] = []
                for element in elements {
                    try activation.charge(CostModel.filterPerElement)
                    activation.slots[slot] = element
                    if let filter, try !predicate(filter(&activation)) { continue }
                    try activation.charge(CostModel.mapPerElement - CostModel.filterPerElement)
                    results.append(try body(&activation))
                }
                return .list(results)
            case .filter:
                var results: [Value] = []
                for element in elements {
                    try activation.charge(CostModel.filterPerElement)
                    activation.slots[slot] = element
                    if try predicate(body(&activation)) {
                        try activation.charge(CostModel.filterPerKeptElement)
                        results.append(element)
                    }
                }
                return .list(results)
            }
        })
    }
}

extension ConditionError {
    func withCode(_ code: Code) -> ConditionError {
        var copy = self
        copy.code = code
        return copy
    }
}
