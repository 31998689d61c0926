/// What evaluation charges against the cost budget, approximating cel-go's runtime cost
/// tracking (`interpreter/runtimecost.go`) so that OpenFGA's limit of 100 admits and
/// refuses roughly the same conditions:
///
/// | step | cost |
/// |---|---|
/// | literal (and list/map literals of literals, folded at compile time) | 0 |
/// | reading a parameter or comprehension variable, `.field`, `has()`, `[index]` | 1 |
/// | `&&`, `||`, `?:` | 0 (their operands are charged) |
/// | any other operator or function | 1, except: |
/// | `==`, `!=`, `<`, `<=`, `>`, `>=` | ⌈min(size(lhs), size(rhs)) × 0.1⌉ (size 1 for scalars) |
/// | `startsWith`, `endsWith` | ⌈size(receiver) × 0.1⌉ |
/// | `contains` | ⌈size(receiver) × 0.1⌉ × ⌈size(argument) × 0.1⌉ |
/// | string or list `+` | ⌈(size(lhs) + size(rhs)) × 0.1⌉ (cel-go charges lists 1; copying them is O(n) here) |
/// | `matches` | ⌈(1 + size(text)) × 0.1⌉ × ⌈size(pattern) × 0.25⌉ |
/// | `x in list` | size(list) |
/// | list literal / map literal with non-constant parts | 10 / 30 |
/// | `all`, `exists`, `exists_one`: per element | 3 + predicate |
/// | `map`: per element | 12 + transform (cel-go builds `accu + [t]`) |
/// | `filter`: per element | 1 + predicate, + 12 per kept element |
///
/// Sizes of strings are in code points. The budget is checked after every charge, and an
/// evaluation whose total exceeds it fails with `.costExceeded`.
enum CostModel {
    static let listLiteral = 10
    static let mapLiteral = 30
    static let quantifierPerElement = 3
    static let mapPerElement = 12
    static let filterPerElement = 1
    static let filterPerKeptElement = 12

    /// ⌈size × factor⌉ with factor = numerator / denominator.
    @inline(__always)
    static func scaled(_ size: Int, _ numerator: Int, _ denominator: Int) -> Int {
        (size * numerator + denominator - 1) / denominator
    }

    /// How a function's cost follows from its arguments, decided once at compile time.
    enum Rule: Sendable {
        case constant
        case comparison
        case prefix
        case contains
        case concatenation
        case matches
        case membership

        init(function: String) {
            switch function {
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_": self = .comparison
            case "startsWith", "endsWith": self = .prefix
            case "contains": self = .contains
            case "_+_": self = .concatenation
            case "matches": self = .matches
            case "@in": self = .membership
            default: self = .constant
            }
        }

        /// The cost of a call with a receiver or first argument `lhs` and second `rhs`.
        @inline(__always)
        func cost(_ lhs: Value, _ rhs: Value) -> Int {
            switch self {
            case .constant: 1
            case .comparison: CostModel.scaled(min(lhs.costSize, rhs.costSize), 1, 10)
            case .prefix: CostModel.scaled(lhs.costSize, 1, 10)
            case .contains: CostModel.scaled(lhs.costSize, 1, 10) * CostModel.scaled(rhs.costSize, 1, 10)
            case .concatenation:
                switch lhs {
                case .string, .list: CostModel.scaled(lhs.costSize + rhs.costSize, 1, 10)
                default: 1
                }
            case .matches: CostModel.scaled(1 + lhs.costSize, 1, 10) * CostModel.scaled(rhs.costSize, 1, 4)
            case .membership:
                if case .list(let elements) = rhs { elements.count } else { 1 }
            }
        }
    }
}
