/// One lexical token of a CEL expression, with its offset in code points.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// An integer literal's magnitude; the sign, if any, is a separate `-` token.
        case int(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case trueLiteral, falseLiteral, nullLiteral
        case inKeyword
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case dot, comma, colon, question
        case plus, minus, star, slash, percent
        case bang, equal, notEqual, less, lessEqual, greater, greaterEqual
        case and, or
        case end
    }

    var kind: Kind
    /// 0-based offset of the first code point.
    var offset: Int
    /// For numeric literals: the literal text overflowed its type. Reported by the parser,
    /// which alone knows whether a preceding `-` makes `9223372036854775808` valid.
    var overflowed = false
}

extension Token.Kind {
    /// How the token is written, for error messages.
    var spelling: String {
        switch self {
        case .identifier(let name): name
        case .int(let value): String(value)
        case .uint(let value): "\(value)u"
        case .double(let value): String(value)
        case .string: "string literal"
        case .trueLiteral: "true"
        case .falseLiteral: "false"
        case .nullLiteral: "null"
        case .inKeyword: "in"
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .dot: "."
        case .comma: ","
        case .colon: ":"
        case .question: "?"
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .percent: "%"
        case .bang: "!"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .and: "&&"
        case .or: "||"
        case .end: "end of expression"
        }
    }
}
