/// Recursive-descent parser for CEL's grammar (language definition, "Syntax"):
///
/// ```
/// Expr           = ConditionalOr ["?" ConditionalOr ":" Expr]
/// ConditionalOr  = [ConditionalOr "||"] ConditionalAnd
/// ConditionalAnd = [ConditionalAnd "&&"] Relation
/// Relation       = [Relation Relop] Addition          Relop = < <= >= > == != in
/// Addition       = [Addition ("+" | "-")] Multiplication
/// Multiplication = [Multiplication ("*" | "/" | "%")] Unary
/// Unary          = Member | "!" {"!"} Member | "-" {"-"} Member
/// Member         = Primary | Member "." IDENT ["(" [ExprList] ")"] | Member "[" Expr "]"
/// Primary        = ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]"
///                | "{" [MapInits] [","] "}" | LITERAL
/// ```
///
/// As in cel-go: `-` directly before a numeric literal is the literal's sign (so
/// `-9223372036854775808` is valid), an even run of `!` or `-` cancels out, `&&` / `||`
/// chains become balanced trees, and macros are recognised by name and argument count.
struct Parser {
    /// Deepest expression tree accepted: deeper input is rejected rather than risking the
    /// stack of a small-stack thread in the checker, compiler or evaluator.
    static let maximumDepth = 96
    /// Longest expression accepted, in code points (cel-go's default limit).
    static let maximumLength = 100_000

    /// Deepest nesting of parenthesised expressions, list/map literals and call arguments.
    static let maximumNesting = 48

    private var tokens: [Token]
    private var index = 0
    private var nesting = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole expression.
    static func parse(_ source: String) throws(ConditionError) -> Expr {
        let scalars = Array(source.unicodeScalars)
        guard scalars.count <= maximumLength else {
            throw ConditionError(code: .syntax, message: "expression is longer than \(maximumLength) code points", position: maximumLength)
        }
        var lexer = Lexer(scalars)
        var parser = Parser(tokens: try lexer.tokenize())
        let expr = try parser.expression()
        guard parser.current.kind == .end else {
            throw parser.unexpected("end of expression")
        }
        return expr
    }

    // MARK: Token helpers

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func peekKind(_ ahead: Int = 1) -> Token.Kind {
        tokens[min(index + ahead, tokens.count - 1)].kind
    }

    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func accept(_ kind: Token.Kind) -> Bool {
        guard current.kind == kind else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ kind: Token.Kind) throws(ConditionError) {
        guard accept(kind) else { throw unexpected("'\(kind.spelling)'") }
    }

    private func unexpected(_ expected: String) -> ConditionError {
        let found = current.kind == .end ? "end of expression" : "'\(current.kind.spelling)'"
        return ConditionError(code: .syntax, message: "expected \(expected), found \(found)", position: current.offset)
    }

    private func make(_ kind: Expr.Kind, at position: Int, children: [Expr]) throws(ConditionError) -> Expr {
        let expr = Expr(kind, at: position, children: children)
        guard expr.depth <= Self.maximumDepth else {
            throw ConditionError(code: .syntax, message: "expression is too deeply nested: more than \(Self.maximumDepth) levels of operators, calls and literals", position: position)
        }
        return expr
    }

    private func call(_ function: String, at position: Int, _ arguments: [Expr]) throws(ConditionError) -> Expr {
        try make(.call(function: function, target: nil, arguments: arguments), at: position, children: arguments)
    }

    // MARK: Grammar

    mutating func expression() throws(ConditionError) -> Expr {
        // Each nested expression costs a dozen frames of recursive descent: bound it before
        // recursing, so hostile input cannot exhaust a small thread stack.
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw ConditionError(code: .syntax, message: "expression is nested too deeply (more than \(Self.maximumNesting) levels of parentheses, brackets or calls)", position: current.offset)
        }
        let condition = try logical(or: true)
        guard current.kind == .question else { return condition }
        let position = advance().offset
        let whenTrue = try logical(or: true)
        try expect(.colon)
        let whenFalse = try expression()
        return try call("_?_:_", at: position, [condition, whenTrue, whenFalse])
    }

    /// `||` (or `&&` when `or` is false) chains, built as balanced trees like cel-go does.
    private mutating func logical(or: Bool) throws(ConditionError) -> Expr {
        let token: Token.Kind = or ? .or : .and
        var operands = [try or ? logical(or: false) : relation()]
        var positions: [Int] = []
        while current.kind == token {
            positions.append(advance().offset)
            operands.append(try or ? logical(or: false) : relation())
        }
        return try balance(or ? "_||_" : "_&&_", operands[...], positions[...])
    }

    private func balance(_ function: String, _ operands: ArraySlice<Expr>, _ positions: ArraySlice<Int>) throws(ConditionError) -> Expr {
        if operands.count == 1, let only = operands.first { return only }
        let middle = positions.startIndex + positions.count / 2
        let left = try balance(function, operands[operands.startIndex...(operands.startIndex + (middle - positions.startIndex))], positions[positions.startIndex..<middle])
        let right = try balance(function, operands[(operands.startIndex + (middle - positions.startIndex) + 1)...], positions[(middle + 1)...])
        return try call(function, at: positions[middle], [left, right])
    }

    private mutating func relation() throws(ConditionError) -> Expr {
        var lhs = try addition()
        while true {
            let function: String
            switch current.kind {
            case .less: function = "_<_"
            case .lessEqual: function = "_<=_"
            case .greater: function = "_>_"
            case .greaterEqual: function = "_>=_"
            case .equal: function = "_==_"
            case .notEqual: function = "_!=_"
            case .inKeyword: function = "@in"
            default: return lhs
            }
            let position = advance().offset
            let rhs = try addition()
            lhs = try call(function, at: position, [lhs, rhs])
        }
    }

    private mutating func addition() throws(ConditionError) -> Expr {
        var lhs = try multiplication()
        while current.kind == .plus || current.kind == .minus {
            let token = advance()
            let rhs = try multiplication()
            lhs = try call(token.kind == .plus ? "_+_" : "_-_", at: token.offset, [lhs, rhs])
        }
        return lhs
    }

    private mutating func multiplication() throws(ConditionError) -> Expr {
        var lhs = try unary()
        while true {
            let function: String
            switch current.kind {
            case .star: function = "_*_"
            case .slash: function = "_/_"
            case .percent: function = "_%_"
            default: return lhs
            }
            let position = advance().offset
            let rhs = try unary()
            lhs = try call(function, at: position, [lhs, rhs])
        }
    }

    private mutating func unary() throws(ConditionError) -> Expr {
        switch current.kind {
        case .bang:
            let position = current.offset
            var count = 0
            while accept(.bang) { count += 1 }
            let operand = try member()
            return count % 2 == 0 ? operand : try call("!_", at: position, [operand])
        case .minus:
            let position = current.offset
            var count = 0
            while current.kind == .minus {
                // A `-` right before a numeric literal is that literal's sign.
                switch peekKind() {
                case .int, .double:
                    let operand = try member()
                    return count % 2 == 0 ? operand : try call("-_", at: position, [operand])
                default:
                    _ = advance()
                    count += 1
                }
            }
            let operand = try member()
            return count % 2 == 0 ? operand : try call("-_", at: position, [operand])
        default:
            return try member()
        }
    }

    private mutating func member() throws(ConditionError) -> Expr {
        var expr = try primary()
        while true {
            switch current.kind {
            case .dot:
                _ = advance()
                guard case .identifier(let name) = current.kind else {
                    throw unexpected("a field or method name after '.'")
                }
                let nameToken = advance()
                if accept(.leftParen) {
                    let arguments = try expressionList(closing: .rightParen)
                    expr = try memberCall(name, target: expr, arguments: arguments, at: nameToken.offset)
                } else {
                    expr = try make(.select(operand: expr, field: name, testOnly: false), at: nameToken.offset, children: [expr])
                }
            case .leftBracket:
                let position = advance().offset
                let key = try expression()
                try expect(.rightBracket)
                expr = try call("_[_]", at: position, [expr, key])
            case .leftBrace:
                throw ConditionError(code: .syntax, message: "message construction is not supported", position: current.offset)
            default:
                return expr
            }
        }
    }

    private mutating func primary() throws(ConditionError) -> Expr {
        let token = current
        switch token.kind {
        case .minus:
            // Only reached for a signed numeric literal (see `unary`).
            _ = advance()
            let literal = advance()
            switch literal.kind {
            case .int(let magnitude):
                guard !literal.overflowed, magnitude <= UInt64(Int64.max) + 1 else {
                    throw ConditionError(code: .syntax, message: "invalid int literal: out of range", position: token.offset)
                }
                let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
                return try make(.literal(.int(value)), at: token.offset, children: [])
            case .double(let value):
                guard !literal.overflowed else {
                    throw ConditionError(code: .syntax, message: "invalid double literal: out of range", position: token.offset)
                }
                return try make(.literal(.double(-value)), at: token.offset, children: [])
            default:
                throw unexpected("a number")
            }
        case .int(let magnitude):
            _ = advance()
            guard !token.overflowed, magnitude <= UInt64(Int64.max) else {
                throw ConditionError(code: .syntax, message: "invalid int literal: out of range", position: token.offset)
            }
            return try make(.literal(.int(Int64(magnitude))), at: token.offset, children: [])
        case .uint(let value):
            _ = advance()
            guard !token.overflowed else {
                throw ConditionError(code: .syntax, message: "invalid uint literal: out of range", position: token.offset)
            }
            return try make(.literal(.uint(value)), at: token.offset, children: [])
        case .double(let value):
            _ = advance()
            guard !token.overflowed else {
                throw ConditionError(code: .syntax, message: "invalid double literal: out of range", position: token.offset)
            }
            return try make(.literal(.double(value)), at: token.offset, children: [])
        case .string(let value):
            _ = advance()
            return try make(.literal(.string(value)), at: token.offset, children: [])
        case .trueLiteral:
            _ = advance()
            return try make(.literal(.bool(true)), at: token.offset, children: [])
        case .falseLiteral:
            _ = advance()
            return try make(.literal(.bool(false)), at: token.offset, children: [])
        case .nullLiteral:
            _ = advance()
            return try make(.literal(.null), at: token.offset, children: [])
        case .leftParen:
            _ = advance()
            let inner = try expression()
            try expect(.rightParen)
            return inner
        case .leftBracket:
            _ = advance()
            let elements = try expressionList(closing: .rightBracket, allowTrailingComma: true)
            return try make(.list(elements), at: token.offset, children: elements)
        case .leftBrace:
            _ = advance()
            var entries: [Expr.MapEntry] = []
            while current.kind != .rightBrace {
                let key = try expression()
                try expect(.colon)
                let value = try expression()
                entries.append(Expr.MapEntry(key: key, value: value))
                if !accept(.comma) { break }
            }
            try expect(.rightBrace)
            return try make(.map(entries), at: token.offset, children: entries.flatMap { [$0.key, $0.value] })
        case .dot, .identifier:
            // A leading dot names the root scope; conditions have no packages, so it is
            // the same identifier.
            if token.kind == .dot { _ = advance() }
            guard case .identifier(let name) = current.kind else {
                throw unexpected("an identifier")
            }
            let nameToken = advance()
            if accept(.leftParen) {
                let arguments = try expressionList(closing: .rightParen)
                return try globalCall(name, arguments: arguments, at: nameToken.offset)
            }
            return try make(.identifier(name), at: nameToken.offset, children: [])
        default:
            throw unexpected("an expression")
        }
    }

    private mutating func expressionList(closing: Token.Kind, allowTrailingComma: Bool = false) throws(ConditionError) -> [Expr] {
        var items: [Expr] = []
        if accept(closing) { return items }
        while true {
            items.append(try expression())
            if accept(closing) { return items }
            try expect(.comma)
            if allowTrailingComma, accept(closing) { return items }
        }
    }

    // MARK: Macros

    private func globalCall(_ name: String, arguments: [Expr], at position: Int) throws(ConditionError) -> Expr {
        if name == "has", arguments.count == 1 {
            guard case .select(let operand, let field, false) = arguments[0].kind else {
                throw ConditionError(code: .syntax, message: "invalid argument to has() macro", position: arguments[0].position)
            }
            return try make(.select(operand: operand, field: field, testOnly: true), at: position, children: [operand])
        }
        return try make(.call(function: name, target: nil, arguments: arguments), at: position, children: arguments)
    }

    private func memberCall(_ name: String, target: Expr, arguments: [Expr], at position: Int) throws(ConditionError) -> Expr {
        if let kind = MacroKind(rawValue: name),
           arguments.count == 2 || (kind == .map && arguments.count == 3) {
            guard case .identifier(let variable) = arguments[0].kind else {
                throw ConditionError(code: .syntax, message: "argument is not an identifier", position: arguments[0].position)
            }
            let comprehension = Comprehension(
                kind: kind, range: target, variable: variable,
                body: arguments[arguments.count - 1],
                filter: arguments.count == 3 ? arguments[1] : nil
            )
            return try make(.comprehension(comprehension), at: position, children: [target] + arguments)
        }
        return try make(.call(function: name, target: target, arguments: arguments), at: position, children: [target] + arguments)
    }
}
