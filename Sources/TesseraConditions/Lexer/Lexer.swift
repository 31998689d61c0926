/// Splits CEL source text into tokens (CEL language definition, "Syntax").
///
/// Works on Unicode scalars so that every offset is a code-point offset, as error
/// positions are reported. Comments (`// ...`) and whitespace are skipped.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Words CEL reserves: using one as an identifier is a syntax error.
    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// Tokenizes the whole input; the last token is `.end`.
    mutating func tokenize() throws(ConditionError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let position = index + ahead
        return position < scalars.count ? scalars[position] : nil
    }

    private func error(_ message: String, at offset: Int) -> ConditionError {
        ConditionError(code: .syntax, message: message, position: offset)
    }

    private mutating func skipTrivia() {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                index += 1
            case "/" where peek(1) == "/":
                while let c = peek(), c != "\n", c != "\r" { index += 1 }
            default:
                return
            }
        }
    }

    private mutating func next() throws(ConditionError) -> Token {
        skipTrivia()
        let start = index
        guard let scalar = peek() else { return Token(kind: .end, offset: start) }
        func single(_ kind: Token.Kind, length: Int = 1) -> Token {
            index += length
            return Token(kind: kind, offset: start)
        }
        switch scalar {
        case "(": return single(.leftParen)
        case ")": return single(.rightParen)
        case "[": return single(.leftBracket)
        case "]": return single(.rightBracket)
        case "{": return single(.leftBrace)
        case "}": return single(.rightBrace)
        case ",": return single(.comma)
        case ":": return single(.colon)
        case "?": return single(.question)
        case "+": return single(.plus)
        case "-": return single(.minus)
        case "*": return single(.star)
        case "/": return single(.slash)
        case "%": return single(.percent)
        case "!": return peek(1) == "=" ? single(.notEqual, length: 2) : single(.bang)
        case "<": return peek(1) == "=" ? single(.lessEqual, length: 2) : single(.less)
        case ">": return peek(1) == "=" ? single(.greaterEqual, length: 2) : single(.greater)
        case "=":
            guard peek(1) == "=" else { throw error("unexpected '=' (did you mean '=='?)", at: start) }
            return single(.equal, length: 2)
        case "&":
            guard peek(1) == "&" else { throw error("unexpected '&' (did you mean '&&'?)", at: start) }
            return single(.and, length: 2)
        case "|":
            guard peek(1) == "|" else { throw error("unexpected '|' (did you mean '||'?)", at: start) }
            return single(.or, length: 2)
        case ".":
            if let following = peek(1), following.isDigit { return try number() }
            return single(.dot)
        case "\"", "'":
            return Token(kind: .string(try string(raw: false)), offset: start)
        default:
            break
        }
        if scalar.isDigit { return try number() }
        if scalar.isIdentifierStart {
            // String prefixes: r"..." raw, b"..." bytes (not supported: OpenFGA has no bytes type).
            if let quote = peek(1), quote == "\"" || quote == "'" {
                switch scalar {
                case "r", "R":
                    index += 1
                    return Token(kind: .string(try string(raw: true)), offset: start)
                case "b", "B":
                    throw error("bytes literals are not supported (conditions have no bytes type)", at: start)
                default:
                    break
                }
            }
            if let prefix = peek(1), prefix == "r" || prefix == "R" || prefix == "b" || prefix == "B",
               scalar == "b" || scalar == "B" || scalar == "r" || scalar == "R",
               let quote = peek(2), quote == "\"" || quote == "'" {
                throw error("bytes literals are not supported (conditions have no bytes type)", at: start)
            }
            var name = ""
            while let c = peek(), c.isIdentifierContinue {
                name.unicodeScalars.append(c)
                index += 1
            }
            switch name {
            case "true": return Token(kind: .trueLiteral, offset: start)
            case "false": return Token(kind: .falseLiteral, offset: start)
            case "null": return Token(kind: .nullLiteral, offset: start)
            case "in": return Token(kind: .inKeyword, offset: start)
            default:
                if Self.reservedWords.contains(name) { throw error("reserved identifier: \(name)", at: start) }
                return Token(kind: .identifier(name), offset: start)
            }
        }
        throw error("unexpected character '\(scalar.escaped(asASCII: true))'", at: start)
    }

    // MARK: Numbers

    private mutating func number() throws(ConditionError) -> Token {
        let start = index
        if peek() == "0", peek(1) == "x" {
            index += 2
            var magnitude: UInt64 = 0
            var overflowed = false
            var digits = 0
            while let c = peek(), let value = c.hexDigitValue {
                let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 16)
                let (sum, o2) = shifted.addingReportingOverflow(UInt64(value))
                overflowed = overflowed || o1 || o2
                magnitude = sum
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw error("invalid hexadecimal literal", at: start) }
            return integerToken(magnitude, overflowed: overflowed, start: start)
        }
        var text = ""
        var isDouble = false
        while let c = peek(), c.isDigit {
            text.unicodeScalars.append(c)
            index += 1
        }
        if peek() == ".", let following = peek(1), following.isDigit {
            isDouble = true
            text += "."
            index += 1
            while let c = peek(), c.isDigit {
                text.unicodeScalars.append(c)
                index += 1
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var lookahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { lookahead = 2 }
            if let digit = peek(lookahead), digit.isDigit {
                isDouble = true
                text += "e"
                if lookahead == 2, let sign = peek(1) { text.unicodeScalars.append(sign) }
                index += lookahead
                while let c = peek(), c.isDigit {
                    text.unicodeScalars.append(c)
                    index += 1
                }
            }
        }
        if isDouble {
            let value = Double(text) ?? .infinity
            return Token(kind: .double(value), offset: start, overflowed: !value.isFinite)
        }
        var magnitude: UInt64 = 0
        var overflowed = false
        for scalar in text.unicodeScalars {
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(UInt64(scalar.value - 48))
            overflowed = overflowed || o1 || o2
            magnitude = sum
        }
        return integerToken(magnitude, overflowed: overflowed, start: start)
    }

    private mutating func integerToken(_ magnitude: UInt64, overflowed: Bool, start: Int) -> Token {
        if let suffix = peek(), suffix == "u" || suffix == "U" {
            index += 1
            return Token(kind: .uint(magnitude), offset: start, overflowed: overflowed)
        }
        return Token(kind: .int(magnitude), offset: start, overflowed: overflowed)
    }

    // MARK: Strings

    /// Reads a quoted string starting at the quote; `raw` disables escape sequences.
    private mutating func string(raw: Bool) throws(ConditionError) -> String {
        let start = index
        guard let quote = peek() else { throw error("unterminated string", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        var result = ""
        while true {
            guard let c = peek() else { throw error("unterminated string literal", at: start) }
            if c == quote {
                if !triple {
                    index += 1
                    return result
                }
                if peek(1) == quote, peek(2) == quote {
                    index += 3
                    return result
                }
            }
            if !triple, c == "\n" || c == "\r" {
                throw error("newline in string literal (use a triple-quoted string)", at: index)
            }
            if c == "\\", !raw {
                result.unicodeScalars.append(try escape())
                continue
            }
            result.unicodeScalars.append(c)
            index += 1
        }
    }

    /// Decodes one escape sequence starting at the backslash.
    private mutating func escape() throws(ConditionError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let c = peek() else { throw error("unterminated escape sequence", at: start) }
        index += 1
        switch c {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\", "'", "\"", "`", "?": return c
        case "x", "X": return try hexEscape(digits: 2, start: start)
        case "u": return try hexEscape(digits: 4, start: start)
        case "U": return try hexEscape(digits: 8, start: start)
        case "0", "1", "2", "3":
            var value = c.value - 48
            for _ in 0..<2 {
                guard let d = peek(), d.value >= 48, d.value <= 55 else {
                    throw error("invalid octal escape sequence", at: start)
                }
                value = value * 8 + d.value - 48
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("invalid octal escape sequence", at: start) }
            return scalar
        default:
            throw error("invalid escape sequence '\\\(c.escaped(asASCII: true))'", at: start)
        }
    }

    private mutating func hexEscape(digits: Int, start: Int) throws(ConditionError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let d = peek(), let digit = d.hexDigitValue else {
                throw error("invalid hexadecimal escape sequence", at: start)
            }
            value = value &* 16 &+ UInt32(digit)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("invalid unicode code point in escape sequence", at: start)
        }
        return scalar
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { value >= 48 && value <= 57 }

    var isIdentifierStart: Bool {
        (value >= 65 && value <= 90) || (value >= 97 && value <= 122) || value == 95
    }

    var isIdentifierContinue: Bool { isIdentifierStart || isDigit }

    var hexDigitValue: Int? {
        switch value {
        case 48...57: Int(value - 48)
        case 65...70: Int(value - 55)
        case 97...102: Int(value - 87)
        default: nil
        }
    }
}
