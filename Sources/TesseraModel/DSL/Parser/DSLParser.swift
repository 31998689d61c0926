import TesseraConditions

/// A recursive-descent parser for OpenFGA's DSL (schema 1.1 and modules), following the
/// grammar of `OpenFGAParser.g4` token for token so that Tessera accepts and rejects the same
/// texts as OpenFGA's tools.
///
/// It builds the AST the way OpenFGA's transformer does: `a or b or c` is one union with
/// three children, parentheses nest, `[...]` is the direct assignment and may only come
/// first. Errors carry the offending token's position and text; after an error the parser
/// skips to the next declaration, so one pass reports the independent mistakes of a file.
/// Parentheses nest at most ``Rewrite/maximumNestingDepth`` deep, which bounds recursion.
struct DSLParser {
    private let source: DSLSource
    private let tokens: [DSLToken]
    /// `// ...` comments of condition expressions, in order (dropped from expression text).
    private let comments: [DSLToken]
    private var index = 0
    private var file: DSLFile
    private var parseDiagnostics: [ModelDiagnostic] = []
    private var isModule = false
    /// Names seen so far, for duplicate checks in linear time.
    private var extendedTypes: Set<String> = []
    private var conditionNames: Set<String> = []

    /// Parser errors beyond this many are dropped: after so many, the rest is noise.
    static let maximumDiagnostics = 20

    private init(source: DSLSource, tokens: [DSLToken]) {
        self.source = source
        self.tokens = tokens.filter { $0.kind != .comment }
        comments = tokens.filter { $0.kind == .comment }
        file = DSLFile(file: source.file)
    }

    /// Parses `text`; syntax errors are in the result's `diagnostics`.
    static func parse(_ text: String, file: String? = nil) -> DSLFile {
        let source = DSLSource(text: text, file: file)
        let (tokens, lexerDiagnostics) = DSLLexer.tokenize(source)
        var parser = DSLParser(source: source, tokens: tokens)
        parser.parseFile()
        var result = parser.file
        result.diagnostics = ModelDiagnostic.inSourceOrder(lexerDiagnostics + parser.parseDiagnostics)
        return result
    }

    // MARK: File structure

    private mutating func parseFile() {
        _ = accept(.whitespace)
        _ = accept(.newline)
        do throws(ModelDiagnostic) {
            try parseHeader()
        } catch {
            record(error)
            recover(stoppingBefore: [.type, .extend, .condition])
        }
        var conditionsStarted = false
        while current.kind != .endOfFile {
            guard current.kind == .newline else {
                record(unexpected(current, expecting: "a line break"))
                recover(stoppingBefore: [.type, .extend, .condition])
                continue
            }
            let start = index
            let next = token(after: index)
            do throws(ModelDiagnostic) {
                switch next.kind {
                case .endOfFile:
                    advance()
                case .type, .extend:
                    if conditionsStarted {
                        throw diagnostic(at: next, "type definitions must come before the conditions of the model")
                    }
                    try parseTypeDefinition()
                case .condition:
                    conditionsStarted = true
                    try parseCondition()
                case .define:
                    throw diagnostic(at: next, "no viable alternative at input 'define': a relation must follow the 'relations' line of a type")
                case .module where isModule == false:
                    throw diagnostic(at: next, "no viable alternative at input 'module': a file is either a model or a module")
                default:
                    throw unexpected(next, expecting: "'type', 'condition' or the end of the file")
                }
            } catch {
                record(error)
                // A diagnostic thrown before any token was consumed (a type after the
                // conditions) would leave recovery where it is: step past the line break
                // first, or the loop never ends.
                if index == start { advance() }
                recover(stoppingBefore: [.type, .extend, .condition])
            }
        }
    }

    /// `model` / `schema 1.1`, or `module name`.
    private mutating func parseHeader() throws(ModelDiagnostic) {
        switch current.kind {
        case .model:
            advance()
            try expect(.newline, "a line break")
            try expect(.schema, "'schema'")
            try expect(.whitespace, "' '")
            let version = try expect(.schemaVersion, "a schema version such as 1.1")
            _ = accept(.whitespace)
            file.header = .model(schemaVersion: source.text(of: version), range: version.range)
        case .module:
            let keyword = advance()
            try expect(.whitespace, "' '")
            let name = try expectName("a module name")
            _ = accept(.whitespace)
            isModule = true
            file.header = .module(name: source.text(of: name), range: keyword.range)
        default:
            throw unexpected(current, expecting: "'model' or 'module'")
        }
        try expectLineEnd()
    }

    // MARK: Types and relations

    private mutating func parseTypeDefinition() throws(ModelDiagnostic) {
        advance()  // the line break
        var isExtension = false
        if current.kind == .extend {
            advance()
            try expect(.whitespace, "' '")
            isExtension = true
        }
        try expect(.type, "'type'")
        try expect(.whitespace, "' '")
        let nameToken = try expectName("a type name")
        let name = source.text(of: nameToken)
        if isExtension, !isModule {
            record(diagnostic(at: nameToken, "extend can only be used in a modular model"))
        } else if isExtension, !extendedTypes.insert(name).inserted {
            record(diagnostic(at: nameToken, "'\(name)' is already extended in file.", kind: .duplicated))
        }
        let module = file.moduleName.map { ModuleSource(module: $0, file: source.file) }
        var definition = TypeDefinition(name: name, module: module, range: nameToken.range)
        try expectLineEnd()
        defer { file.types.append(DSLFile.TypeDeclaration(definition: definition, isExtension: isExtension)) }
        guard current.kind == .newline, token(after: index).kind == .relations else { return }
        advance()
        advance()
        try expectLineEnd()
        guard current.kind == .newline, token(after: index).kind == .define else {
            let next = current.kind == .newline ? token(after: index) : current
            throw unexpected(next, expecting: "'define'")
        }
        var names: Set<String> = []
        while current.kind == .newline, token(after: index).kind == .define {
            do throws(ModelDiagnostic) {
                var relation = try parseRelationDeclaration()
                if names.insert(relation.name).inserted {
                    if isExtension { relation.module = module }
                    definition.relations.append(relation)
                } else if let range = relation.range {
                    record(
                        ModelDiagnostic(
                            kind: .duplicated, message: "'\(relation.name)' is already defined in '\(name)'", range: range,
                            symbol: relation.name))
                }
            } catch {
                record(error)
                recover(stoppingBefore: [.define, .type, .extend, .condition])
            }
        }
    }

    /// `define name: <relation definition>`
    private mutating func parseRelationDeclaration() throws(ModelDiagnostic) -> RelationDefinition {
        advance()  // the line break
        advance()  // define
        try expect(.whitespace, "' '")
        let nameToken = try expectName("a relation name")
        _ = accept(.whitespace)
        try expect(.colon, "':'")
        _ = accept(.whitespace)
        var directTypes: [TypeRestriction] = []
        let rewrite = try relationDefinition(allowDirect: true, depth: 0, directTypes: &directTypes)
        try expectLineEnd()
        return RelationDefinition(name: source.text(of: nameToken), rewrite: rewrite, directlyRelatedTypes: directTypes, range: nameToken.range)
    }

    /// A first operand, then `or ...`, `and ...` or one `but not ...`: operators mix only
    /// through parentheses. A direct assignment may only be the very first operand.
    private mutating func relationDefinition(allowDirect: Bool, depth: Int, directTypes: inout [TypeRestriction]) throws(ModelDiagnostic) -> Rewrite {
        var children = [try operand(allowDirect: allowDirect, depth: depth, directTypes: &directTypes)]
        var operation: DSLToken.Kind?
        while current.kind == .whitespace, case let next = token(after: index), [.or, .and, .butNot].contains(next.kind) {
            if let operation {
                if operation != next.kind {
                    throw diagnostic(
                        at: next,
                        "mismatched input '\(source.text(of: next))': '\(Self.spelling(operation))' and "
                            + "'\(Self.spelling(next.kind))' cannot be mixed without parentheses")
                }
                if operation == .butNot {
                    throw diagnostic(at: next, "extraneous input 'but not': 'but not' takes one operand on each side; use parentheses to chain it")
                }
            }
            operation = next.kind
            advance()
            advance()
            try expect(.whitespace, "' '")
            children.append(try operand(allowDirect: false, depth: depth, directTypes: &directTypes))
        }
        guard let first = children.first, let last = children.last else { return .union(children) }
        switch operation {
        case .or: return .union(children)
        case .and: return .intersection(children)
        case .butNot: return .exclusion(base: first, subtract: last)
        default: return first
        }
    }

    private static func spelling(_ kind: DSLToken.Kind) -> String {
        switch kind {
        case .or: "or"
        case .and: "and"
        default: "but not"
        }
    }

    private mutating func operand(allowDirect: Bool, depth: Int, directTypes: inout [TypeRestriction]) throws(ModelDiagnostic) -> Rewrite {
        switch current.kind {
        case .lBracket where allowDirect:
            return try directAssignment(directTypes: &directTypes)
        case .lBracket:
            throw diagnostic(at: current, "extraneous input '[': a direct assignment '[...]' may only start a relation definition")
        case .lParen:
            let open = advance()
            // The operands inside these parentheses sit two levels below this definition.
            guard depth + 2 < Rewrite.maximumNestingDepth else {
                throw diagnostic(at: open, "relation definition nests more than \(Rewrite.maximumNestingDepth) levels deep")
            }
            skipWhitespace()
            let inner = try relationDefinition(allowDirect: allowDirect, depth: depth + 1, directTypes: &directTypes)
            skipWhitespace()
            try expect(.rParen, "')'")
            return inner
        case _ where current.isName:
            let computed = advance()
            guard current.kind == .whitespace, token(after: index).kind == .from else {
                return .computedUserset(relation: source.text(of: computed), range: computed.range)
            }
            advance()
            advance()
            try expect(.whitespace, "' '")
            let tupleset = try expectName("a relation name")
            return .tupleToUserset(
                tupleset: source.text(of: tupleset), computedRelation: source.text(of: computed),
                range: Self.span(computed.range, tupleset.range))
        default:
            throw unexpected(current, expecting: allowDirect ? "'[', '(' or a relation name" : "'(' or a relation name")
        }
    }

    /// `[user, user:*, group#member, user with condition]`, possibly over several lines.
    private mutating func directAssignment(directTypes: inout [TypeRestriction]) throws(ModelDiagnostic) -> Rewrite {
        let open = advance()
        _ = accept(.whitespace)
        var restrictions = [try typeRestriction()]
        _ = accept(.whitespace)
        while accept(.comma) != nil {
            _ = accept(.whitespace)
            restrictions.append(try typeRestriction())
            _ = accept(.whitespace)
        }
        let close = try expect(.rBracket, "',' or ']'")
        directTypes = restrictions
        return .direct(range: Self.span(open.range, close.range))
    }

    private mutating func typeRestriction() throws(ModelDiagnostic) -> TypeRestriction {
        _ = accept(.newline)
        let typeToken = try expectName("a type name")
        var restriction = TypeRestriction(type: source.text(of: typeToken))
        var end = typeToken.range
        if accept(.colon) != nil {
            end = try expect(.star, "'*'").range
            restriction.wildcard = true
        } else if accept(.hash) != nil {
            let relation = try expectName("a relation name")
            restriction.relation = source.text(of: relation)
            end = relation.range
        }
        restriction.range = Self.span(typeToken.range, end)
        if current.kind == .whitespace, token(after: index).kind == .with {
            advance()
            advance()
            try expect(.whitespace, "' '")
            let condition = try expect(.identifier, "a condition name")
            restriction.condition = source.text(of: condition)
            restriction.conditionRange = condition.range
        }
        _ = accept(.newline)
        return restriction
    }

    // MARK: Conditions

    /// `condition name(p: type, ...) { expression }`
    private mutating func parseCondition() throws(ModelDiagnostic) {
        advance()  // the line break
        advance()  // condition
        try expect(.whitespace, "' '")
        let nameToken = try expect(.identifier, "a condition name")
        let name = source.text(of: nameToken)
        _ = accept(.whitespace)
        try expect(.lParen, "'('")
        _ = accept(.whitespace)
        var parameters = [try conditionParameter(condition: name, declared: [])]
        _ = accept(.whitespace)
        while accept(.comma) != nil {
            _ = accept(.whitespace)
            parameters.append(try conditionParameter(condition: name, declared: parameters))
            _ = accept(.whitespace)
        }
        try expect(.rParen, "',' or ')'")
        _ = accept(.whitespace)
        try expect(.lBrace, "'{'")
        _ = accept(.newline)
        _ = accept(.whitespace)
        let expressionStart = current
        while current.kind != .rBrace {
            if current.kind == .endOfFile { throw unexpected(current, expecting: "'}' to close the condition") }
            advance()
        }
        let close = advance()
        let expression = expressionText(from: expressionStart.start, to: close.start)
        if !conditionNames.insert(name).inserted {
            record(diagnostic(at: nameToken, "condition '\(name)' is already defined in the model", kind: .duplicated))
        }
        file.conditions.append(
            ConditionDefinition(
                name: name, expression: expression, parameters: parameters,
                module: file.moduleName.map { ModuleSource(module: $0, file: source.file) }, range: nameToken.range,
                expressionRange: SourceRange(
                    line: expressionStart.range.line, column: expressionStart.range.column, endLine: close.range.line,
                    endColumn: close.range.column, file: source.file)))
        try expectLineEnd()
    }

    private mutating func conditionParameter(condition: String, declared: [ConditionParameter]) throws(ModelDiagnostic) -> ConditionParameter {
        let nameToken = try expect(.identifier, "a parameter name")
        let name = source.text(of: nameToken)
        _ = accept(.whitespace)
        try expect(.colon, "':'")
        _ = accept(.whitespace)
        let typeStart = current
        let spelling: String
        if current.kind == .parameterContainer {
            let container = source.text(of: advance())
            try expect(.less, "'<'")
            let element = source.text(of: try expect(.parameterType, "a parameter type"))
            try expect(.greater, "'>'")
            spelling = "\(container)<\(element)>"
        } else {
            spelling = source.text(of: try expect(.parameterType, "a parameter type"))
        }
        // The lexer only produces type names `ConditionType` knows; this guards the pairing.
        guard let type = ConditionType(dslName: spelling) else { throw unexpected(typeStart, expecting: "a parameter type") }
        if declared.contains(where: { $0.name == name }) {
            record(diagnostic(at: nameToken, "parameter '\(name)' is already defined in the condition '\(condition)'", kind: .duplicated))
        }
        return ConditionParameter(name: name, type: type, range: nameToken.range)
    }

    /// The expression's text as OpenFGA keeps it: the tokens up to `}` without `//`
    /// comments, trailing line breaks removed (trailing spaces stay).
    private func expressionText(from start: Int, to end: Int) -> String {
        var bytes: [UInt8] = []
        var position = start
        // Comments are in source order: find the first inside the expression by bisection.
        var low = 0
        var high = comments.count
        while low < high {
            let middle = (low + high) / 2
            if comments[middle].start < start { low = middle + 1 } else { high = middle }
        }
        for comment in comments[low...] {
            guard comment.end <= end else { break }
            bytes.append(contentsOf: source.bytes[position..<comment.start])
            position = comment.end
        }
        if position < end { bytes.append(contentsOf: source.bytes[position..<end]) }
        while bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Tokens

    /// `index` never passes the end-of-file token, which the lexer always emits last.
    private var current: DSLToken { tokens[index] }

    /// The token after the one at `position` (the end-of-file token repeats).
    private func token(after position: Int) -> DSLToken {
        tokens[min(position + 1, tokens.count - 1)]
    }

    @discardableResult
    private mutating func advance() -> DSLToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func accept(_ kind: DSLToken.Kind) -> DSLToken? {
        current.kind == kind ? advance() : nil
    }

    private mutating func skipWhitespace() {
        while current.kind == .whitespace { advance() }
    }

    @discardableResult
    private mutating func expect(_ kind: DSLToken.Kind, _ expectation: String) throws(ModelDiagnostic) -> DSLToken {
        guard current.kind == kind else { throw unexpected(current, expecting: expectation) }
        return advance()
    }

    private mutating func expectName(_ expectation: String) throws(ModelDiagnostic) -> DSLToken {
        guard current.isName else { throw unexpected(current, expecting: expectation) }
        return advance()
    }

    /// A declaration ends at a line break or at the end of the file.
    private func expectLineEnd() throws(ModelDiagnostic) {
        switch current.kind {
        case .newline, .endOfFile:
            return
        case .whitespace where [.newline, .endOfFile].contains(token(after: index).kind):
            throw unexpected(current, expecting: "a line break")
        case .whitespace:
            throw unexpected(token(after: index), expecting: "a line break")
        default:
            throw unexpected(current, expecting: "a line break")
        }
    }

    /// Skips at least one token, then to the next line break followed by one of `kinds` (or
    /// the end of the file). Always moving on keeps an error that consumed nothing from
    /// being reported again and again.
    private mutating func recover(stoppingBefore kinds: Set<DSLToken.Kind>) {
        advance()
        while current.kind != .endOfFile {
            if current.kind == .newline, case let next = token(after: index), kinds.contains(next.kind) || next.kind == .endOfFile {
                return
            }
            advance()
        }
    }

    // MARK: Diagnostics

    private mutating func record(_ diagnostic: ModelDiagnostic) {
        guard parseDiagnostics.count < Self.maximumDiagnostics else { return }
        parseDiagnostics.append(diagnostic)
    }

    private func symbol(of token: DSLToken) -> String {
        token.kind == .endOfFile ? "<EOF>" : source.text(of: token)
    }

    private func unexpected(_ token: DSLToken, expecting expectation: String) -> ModelDiagnostic {
        let symbol = symbol(of: token)
        let shown = token.kind == .endOfFile ? symbol : "'\(DSLToken.display(symbol))'"
        return ModelDiagnostic(kind: .syntax, message: "mismatched input \(shown) expecting \(expectation)", range: token.range, symbol: symbol)
    }

    private func diagnostic(at token: DSLToken, _ message: String, kind: ModelDiagnostic.Kind = .syntax) -> ModelDiagnostic {
        ModelDiagnostic(kind: kind, message: message, range: token.range, symbol: symbol(of: token))
    }

    private static func span(_ start: SourceRange, _ end: SourceRange) -> SourceRange {
        SourceRange(line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn, file: start.file)
    }
}
