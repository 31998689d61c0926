/// Cuts cleaned DSL text into tokens with OpenFGA's rules (`OpenFGALexer.g4`): the longest
/// match wins and, between matches of equal length, keywords beat names. After `condition`
/// the lexer switches to the parameter-list mode, where only names, parameter types and
/// punctuation exist, until the closing `)`.
///
/// Positions are 0-based lines and columns counted in Unicode scalars, as OpenFGA's error
/// listener reports them; only `\n` starts a new line.
struct DSLLexer {
    private let source: DSLSource
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 0
    private var column = 0
    private var inParameterList = false
    private(set) var tokens: [DSLToken] = []
    private(set) var diagnostics: [ModelDiagnostic] = []

    /// Lexer errors beyond this many are dropped: the first ones tell the story.
    static let maximumDiagnostics = 20

    init(source: DSLSource) {
        self.source = source
        bytes = source.bytes
    }

    /// Lexes the whole source; the last token is always `endOfFile`.
    static func tokenize(_ source: DSLSource) -> (tokens: [DSLToken], diagnostics: [ModelDiagnostic]) {
        var lexer = DSLLexer(source: source)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    private mutating func run() {
        tokens.reserveCapacity(bytes.count / 3)
        while offset < bytes.count {
            if inParameterList {
                lexParameterListToken()
            } else {
                lexDefaultToken()
            }
        }
        emit(.endOfFile, length: 0)
    }

    // MARK: Default mode

    private static let keywords: [(text: [UInt8], kind: DSLToken.Kind)] = ([
        ("and", .and), ("or", .or), ("but not", .butNot), ("from", .from), ("module", .module), ("model", .model),
        ("schema", .schema), ("extend", .extend), ("type", .type), ("condition", .condition), ("relations", .relations),
        ("relation", .relation), ("define", .define), ("with", .with), ("in", .in), ("true", .celTrue),
        ("false", .celFalse), ("null", .null),
    ] as [(String, DSLToken.Kind)]).map { (Array($0.0.utf8), $0.1) }

    private mutating func lexDefaultToken() {
        let byte = bytes[offset]
        switch byte {
        case _ where Self.isLetter(byte) || byte == UInt8(ascii: "_"):
            lexWord()
        case _ where Self.isDigit(byte):
            lexNumber()
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            lexSpace()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            lexString(from: offset, kind: .string)
        case UInt8(ascii: "."):
            if let next = peek(offset + 1), Self.isDigit(next) {
                let length = 1 + digitRun(from: offset + 1) + exponentLength(at: offset + 1 + digitRun(from: offset + 1))
                emit(.numberFloat, length: length)
            } else {
                emit(.dot, length: 1)
            }
        case UInt8(ascii: "/"):
            if peek(offset + 1) == UInt8(ascii: "/") {
                var end = offset
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                emit(.comment, length: end - offset)
            } else {
                emit(.slash, length: 1)
            }
        case UInt8(ascii: "="):
            if peek(offset + 1) == UInt8(ascii: "=") { emit(.equals, length: 2) } else { recognitionError(length: 1) }
        case UInt8(ascii: "!"):
            if peek(offset + 1) == UInt8(ascii: "=") { emit(.notEquals, length: 2) } else { emit(.exclamation, length: 1) }
        case UInt8(ascii: "<"):
            if peek(offset + 1) == UInt8(ascii: "=") { emit(.lessEquals, length: 2) } else { emit(.less, length: 1) }
        case UInt8(ascii: ">"):
            if peek(offset + 1) == UInt8(ascii: "=") { emit(.greaterEquals, length: 2) } else { emit(.greater, length: 1) }
        case UInt8(ascii: "&"):
            if peek(offset + 1) == UInt8(ascii: "&") { emit(.logicalAnd, length: 2) } else { recognitionError(length: 1) }
        case UInt8(ascii: "|"):
            if peek(offset + 1) == UInt8(ascii: "|") { emit(.logicalOr, length: 2) } else { recognitionError(length: 1) }
        default:
            if let kind = Self.punctuation[byte] {
                emit(kind, length: 1)
            } else {
                recognitionError(length: scalarLength(at: offset))
            }
        }
    }

    private static let punctuation: [UInt8: DSLToken.Kind] = [
        UInt8(ascii: "#"): .hash, UInt8(ascii: ":"): .colon, UInt8(ascii: ","): .comma, UInt8(ascii: "["): .lBracket,
        UInt8(ascii: "]"): .rBracket, UInt8(ascii: "{"): .lBrace, UInt8(ascii: "}"): .rBrace, UInt8(ascii: "("): .lParen,
        UInt8(ascii: ")"): .rParen, UInt8(ascii: "-"): .minus, UInt8(ascii: "?"): .questionMark,
        UInt8(ascii: "+"): .plus, UInt8(ascii: "*"): .star, UInt8(ascii: "%"): .percent,
    ]

    /// A name, a keyword, or a string with a raw/bytes prefix (`r"..."`, `b'...'`).
    private mutating func lexWord() {
        if let prefix = stringPrefixLength(at: offset) {
            let isBytes = bytes[offset] == UInt8(ascii: "b") || bytes[offset] == UInt8(ascii: "B")
            lexString(from: offset + prefix, kind: isBytes ? .bytes : .string)
            return
        }
        let (kind, length) = Self.word(in: bytes, at: offset, inParameterList: false)
        emit(kind, length: length)
    }

    /// The longest token a word starting at `start` forms, keywords winning ties as in the
    /// grammar (a keyword is as long as the name it spells, except `but not`).
    static func word(in bytes: [UInt8], at start: Int, inParameterList: Bool) -> (kind: DSLToken.Kind, length: Int) {
        let identifier = identifierLength(bytes, at: start)
        if inParameterList {
            let keyword = parameterWords.first { $0.text.count == identifier && hasPrefix($0.text, in: bytes, at: start) }
            return (keyword?.kind ?? .identifier, identifier)
        }
        if identifier == 3, hasPrefix(butNot, in: bytes, at: start) { return (.butNot, butNot.count) }
        let extended = extendedIdentifierLength(bytes, at: start)
        if extended > identifier { return (.extendedIdentifier, extended) }
        let keyword = keywords.first { $0.text.count == identifier && hasPrefix($0.text, in: bytes, at: start) }
        return (keyword?.kind ?? .identifier, identifier)
    }

    private static let butNot = Array("but not".utf8)

    /// `IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '-')*`
    static func identifierLength(_ bytes: [UInt8], at start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, isLetter(bytes[end]) || isDigit(bytes[end]) || bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-") {
            end += 1
        }
        return end - start
    }

    /// `EXTENDED_IDENTIFIER: (LETTER | '_') (('/' | '.' | '-')? (LETTER | DIGIT | '_')+)*`
    static func extendedIdentifierLength(_ bytes: [UInt8], at start: Int) -> Int {
        var end = start + 1
        while end < bytes.count {
            var next = end
            if bytes[next] == UInt8(ascii: "/") || bytes[next] == UInt8(ascii: ".") || bytes[next] == UInt8(ascii: "-") { next += 1 }
            let runStart = next
            while next < bytes.count, isLetter(bytes[next]) || isDigit(bytes[next]) || bytes[next] == UInt8(ascii: "_") {
                next += 1
            }
            guard next > runStart else { break }
            end = next
        }
        return end - start
    }

    private static func hasPrefix(_ text: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + text.count <= bytes.count else { return false }
        var index = 0
        while index < text.count {
            guard bytes[start + index] == text[index] else { return false }
            index += 1
        }
        return true
    }

    /// The length of a `r`, `b`, `br`, ... prefix when a quote follows it.
    private func stringPrefixLength(at start: Int) -> Int? {
        var index = start
        if let first = peek(index), first == UInt8(ascii: "b") || first == UInt8(ascii: "B") { index += 1 }
        if let raw = peek(index), raw == UInt8(ascii: "r") || raw == UInt8(ascii: "R") { index += 1 }
        guard index > start, let quote = peek(index), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        return index - start
    }

    private mutating func lexNumber() {
        let integer = digitRun(from: offset)
        var candidates: [(length: Int, kind: DSLToken.Kind)] = [(integer, .numberInt)]
        if peek(offset + integer) == UInt8(ascii: "."), let next = peek(offset + integer + 1), Self.isDigit(next) {
            let fraction = digitRun(from: offset + integer + 1)
            let plain = integer + 1 + fraction
            candidates.insert((plain, .schemaVersion), at: 0)
            candidates.append((plain + exponentLength(at: offset + plain), .numberFloat))
        }
        let exponent = exponentLength(at: offset + integer)
        if exponent > 0 { candidates.append((integer + exponent, .numberFloat)) }
        if bytes[offset] == UInt8(ascii: "0"), let x = peek(offset + 1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            var end = offset + 2
            while end < bytes.count, Self.isHexDigit(bytes[end]) { end += 1 }
            if end > offset + 2 {
                candidates.append((end - offset, .numberInt))
                if let suffix = peek(end), suffix == UInt8(ascii: "u") || suffix == UInt8(ascii: "U") {
                    candidates.append((end - offset + 1, .numberUInt))
                }
            }
        }
        if let suffix = peek(offset + integer), suffix == UInt8(ascii: "u") || suffix == UInt8(ascii: "U") {
            candidates.append((integer + 1, .numberUInt))
        }
        // Longest wins; the first listed wins a tie (`1.1` is a schema version, as in the grammar).
        var best = candidates[0]
        for candidate in candidates.dropFirst() where candidate.length > best.length { best = candidate }
        emit(best.kind, length: best.length)
    }

    private func digitRun(from start: Int) -> Int {
        var end = start
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        return end - start
    }

    /// `('e' | 'E') ('+' | '-')? DIGIT+`, or 0 when there is none.
    private func exponentLength(at start: Int) -> Int {
        guard let e = peek(start), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return 0 }
        var index = start + 1
        if let sign = peek(index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
        let digits = digitRun(from: index)
        return digits > 0 ? index + digits - start : 0
    }

    /// Spaces, or a line break with the spaces and further line breaks around it.
    private mutating func lexSpace() {
        var end = offset
        var sawLineBreak = false
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C {
                end += 1
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                sawLineBreak = true
                end += 1
            } else {
                break
            }
        }
        emit(sawLineBreak ? .newline : .whitespace, length: end - offset)
    }

    /// A CEL string literal starting with its quote at `quoteStart` (any prefix before it).
    private mutating func lexString(from quoteStart: Int, kind: DSLToken.Kind) {
        let raw = quoteStart > offset && (bytes[quoteStart - 1] == UInt8(ascii: "r") || bytes[quoteStart - 1] == UInt8(ascii: "R"))
        let quote = bytes[quoteStart]
        let triple = peek(quoteStart + 1) == quote && peek(quoteStart + 2) == quote
        var index = quoteStart + (triple ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if triple {
                if byte == quote, peek(index + 1) == quote, peek(index + 2) == quote {
                    emit(kind, length: index + 3 - offset)
                    return
                }
            } else if byte == quote {
                emit(kind, length: index + 1 - offset)
                return
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                break
            }
            if byte == UInt8(ascii: "\\"), !raw {
                guard let escape = escapeLength(at: index) else { break }
                index += escape
            } else {
                index += 1
            }
        }
        // An unterminated literal or a bad escape: OpenFGA's lexer reports the text it tried.
        recognitionError(length: max(1, index - offset))
    }

    /// The length of a valid CEL escape sequence at `start` (which holds the backslash).
    private func escapeLength(at start: Int) -> Int? {
        guard let next = peek(start + 1) else { return nil }
        switch next {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"),
            UInt8(ascii: "v"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "`"):
            return 2
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            return hexDigits(at: start + 2, count: 2) ? 4 : nil
        case UInt8(ascii: "u"):
            return hexDigits(at: start + 2, count: 4) ? 6 : nil
        case UInt8(ascii: "U"):
            return hexDigits(at: start + 2, count: 8) ? 10 : nil
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            guard let a = peek(start + 2), let b = peek(start + 3),
                (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(a), (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(b)
            else { return nil }
            return 4
        default:
            return nil
        }
    }

    private func hexDigits(at start: Int, count: Int) -> Bool {
        guard start + count <= bytes.count else { return false }
        return bytes[start..<(start + count)].allSatisfy(Self.isHexDigit)
    }

    // MARK: Parameter-list mode (after `condition`, up to `)`)

    private static let parameterWords: [(text: [UInt8], kind: DSLToken.Kind)] = ([
        ("map", .parameterContainer), ("list", .parameterContainer), ("bool", .parameterType), ("string", .parameterType),
        ("int", .parameterType), ("uint", .parameterType), ("double", .parameterType), ("duration", .parameterType),
        ("timestamp", .parameterType), ("ipaddress", .parameterType),
    ] as [(String, DSLToken.Kind)]).map { (Array($0.0.utf8), $0.1) }

    private mutating func lexParameterListToken() {
        let byte = bytes[offset]
        switch byte {
        case _ where Self.isLetter(byte) || byte == UInt8(ascii: "_"):
            let (kind, length) = Self.word(in: bytes, at: offset, inParameterList: true)
            emit(kind, length: length)
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
            var end = offset
            while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") || bytes[end] == 0x0C { end += 1 }
            emit(.whitespace, length: end - offset)
        case UInt8(ascii: ")"):
            emit(.rParen, length: 1)
            inParameterList = false
        case UInt8(ascii: "("): emit(.lParen, length: 1)
        case UInt8(ascii: "<"): emit(.less, length: 1)
        case UInt8(ascii: ">"): emit(.greater, length: 1)
        case UInt8(ascii: ":"): emit(.colon, length: 1)
        case UInt8(ascii: ","): emit(.comma, length: 1)
        default:
            // Line breaks included: OpenFGA's parameter-list mode has no line-break token.
            recognitionError(length: scalarLength(at: offset))
        }
    }

    // MARK: Output

    private mutating func emit(_ kind: DSLToken.Kind, length: Int) {
        let start = offset
        let startLine = line
        let startColumn = column
        advance(by: length)
        let range = SourceRange(line: startLine, column: startColumn, endLine: line, endColumn: column, file: source.file)
        tokens.append(DSLToken(kind: kind, start: start, end: offset, range: range))
        if kind == .condition { inParameterList = true }
    }

    private mutating func recognitionError(length: Int) {
        let start = offset
        let startLine = line
        let startColumn = column
        advance(by: length)
        guard diagnostics.count < Self.maximumDiagnostics else { return }
        let text = source.text(start, offset)
        diagnostics.append(
            ModelDiagnostic(
                kind: .syntax,
                message: "token recognition error at: '\(DSLToken.display(text))'",
                range: SourceRange(line: startLine, column: startColumn, endLine: line, endColumn: column, file: source.file),
                symbol: text))
    }

    /// Moves `length` bytes on, keeping the line and the scalar column up to date.
    private mutating func advance(by length: Int) {
        let end = min(bytes.count, offset + length)
        while offset < end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
    }

    // MARK: Bytes

    private func peek(_ index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    /// The number of bytes of the UTF-8 scalar starting at `start`.
    private func scalarLength(at start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - start
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
