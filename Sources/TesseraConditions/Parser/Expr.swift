/// A parsed CEL expression node.
///
/// Operators are calls with CEL's internal names (`_+_`, `_&&_`, `!_`, `_[_]`, `@in`,
/// `_?_:_`), as in cel-go, so the checker resolves them through the same overload table
/// as functions. Macros stay as `comprehension` nodes instead of being expanded into
/// CEL's general fold, which keeps checking and evaluation direct.
struct Expr: Sendable {
    indirect enum Kind: Sendable {
        case literal(Value)
        case identifier(String)
        /// `operand.field`; with `testOnly`, the `has(operand.field)` presence test.
        case select(operand: Expr, field: String, testOnly: Bool)
        /// A global call (`target == nil`) or a receiver-style call (`target.function(...)`).
        case call(function: String, target: Expr?, arguments: [Expr])
        case list([Expr])
        case map([MapEntry])
        case comprehension(Comprehension)
    }

    struct MapEntry: Sendable {
        var key: Expr
        var value: Expr
    }

    var kind: Kind
    /// Offset in code points of the token that identifies the node (the operator for
    /// operators, the name for calls and identifiers).
    var position: Int
    /// Nesting depth of the subtree, bounded by the parser so recursion stays shallow.
    var depth: Int
}

/// The comprehension macros CEL defines.
enum MacroKind: String, Sendable {
    case all, exists
    case existsOne = "exists_one"
    case map, filter
}

/// A macro over a list or map: `range.kind(variable, body)` or `range.map(variable, filter, body)`.
struct Comprehension: Sendable {
    var kind: MacroKind
    var range: Expr
    var variable: String
    /// The predicate (`all`, `exists`, `exists_one`, `filter`) or transform (`map`).
    var body: Expr
    /// The filter of the three-argument `map`.
    var filter: Expr?
}

extension Expr {
    init(_ kind: Kind, at position: Int, children: [Expr] = []) {
        self.kind = kind
        self.position = position
        self.depth = 1 + (children.map(\.depth).max() ?? 0)
    }
}
