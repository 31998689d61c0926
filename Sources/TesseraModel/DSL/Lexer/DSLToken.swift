/// One token of the OpenFGA DSL, as OpenFGA's lexer (`OpenFGALexer.g4`) cuts the text.
///
/// Spaces and line breaks are tokens too: the grammar is line-oriented (a definition ends at
/// a line break) but indentation-free, so a run of blank lines with the indentation after it
/// is one `newline` token.
struct DSLToken: Sendable {
    enum Kind: Sendable, Hashable {
        // Punctuation
        case hash, colon, comma, lBracket, rBracket, lBrace, rBrace, lParen, rParen
        case dot, minus, exclamation, questionMark, plus, star, slash, percent
        case equals, notEquals, less, lessEquals, greater, greaterEquals, logicalAnd, logicalOr
        // Keywords of the model language
        case and, or, butNot, from, module, model, schema, extend, type, condition, relations, relation, define, with
        // Keywords and literals of the condition language (CEL)
        case `in`, celTrue, celFalse, null, numberFloat, numberInt, numberUInt, string, bytes
        // Names
        case identifier, extendedIdentifier
        /// `map` or `list` inside a condition's parameter list.
        case parameterContainer
        /// `bool`, `string`, `int`, ... inside a condition's parameter list.
        case parameterType
        /// `1.1` after `schema`.
        case schemaVersion
        case whitespace, newline
        /// A `// ...` comment inside a condition expression (dropped from the expression, as OpenFGA does).
        case comment
        case endOfFile
    }

    var kind: Kind
    /// UTF-8 offsets into the cleaned source: `start..<end`.
    var start: Int
    var end: Int
    var range: SourceRange

    /// Kinds the grammar accepts as a type, relation or module name (`identifier` in
    /// `OpenFGAParser.g4`): some keywords of the header double as names.
    static let nameKinds: Set<Kind> = [.identifier, .extendedIdentifier, .model, .schema, .type, .relation, .module, .extend]

    var isName: Bool { Self.nameKinds.contains(kind) }
}

extension DSLToken {
    /// Token text as error messages quote it: line breaks and tabs escaped, as ANTLR does.
    static func display(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
