import TesseraConditions

/// Prints a model as DSL text in the layout `fga model transform` uses: a blank line between
/// types, relations sorted by name with 4-space `define` lines, conditions sorted by name after
/// the types, parameters sorted by name. A model combined from modules carries OpenFGA's
/// `# module: ..., file: ...` comments and, at schema 1.2, is ordered by module and file.
///
/// The direct assignment `[...]` must come first in the DSL, so like OpenFGA's writer this one
/// moves a direct child of a union or intersection to the front and refuses a rewrite whose
/// direct assignment cannot be moved there (`a but not [user]`, or two of them). Unlike
/// OpenFGA's writer, it also refuses what it would otherwise print as text that does not read
/// back (names the DSL cannot spell, `any` or nested parameter types, conditions without
/// parameters, expressions containing `}`), instead of printing it.
struct DSLWriter {
    /// Whether declarations carry `# module: ..., file: ...` comments: when any has a module.
    private var annotates = false
    /// Whether declarations are ordered by module and file: for schema 1.2 with modules.
    private var groupsByModule = false

    func text(of model: AuthorizationModel) throws(ModelError) -> String {
        var writer = self
        writer.annotates = !model.moduleNames.isEmpty
        writer.groupsByModule = writer.annotates && model.schemaVersion == "1.2"
        return try writer.write(model)
    }

    private func write(_ model: AuthorizationModel) throws(ModelError) -> String {
        var problems: [ModelDiagnostic] = []
        var types: [String] = []
        var typeOrder = Array(model.typeDefinitions.enumerated())
        if groupsByModule {
            typeOrder.sort { Self.moduleOrder($0.element.module, $0.element.name) < Self.moduleOrder($1.element.module, $1.element.name) }
        }
        for (index, type) in typeOrder {
            do throws(ModelDiagnostic) {
                types.append("\n" + (try typeText(type, at: "type_definitions[\(index)]")))
            } catch {
                problems.append(error)
            }
        }
        var conditions = ""
        let conditionOrder = model.conditions.sorted {
            groupsByModule ? Self.moduleOrder($0.module, $0.name) < Self.moduleOrder($1.module, $1.name) : $0.name < $1.name
        }
        for condition in conditionOrder {
            do throws(ModelDiagnostic) {
                conditions += "\n" + (try conditionText(condition))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw ModelError(problems) }
        let typeText = types.isEmpty ? "" : types.joined(separator: "\n") + "\n"
        return "model\n  schema \(model.schemaVersion)\n\(typeText)\(conditions)"
    }

    // MARK: Types and relations

    private func typeText(_ type: TypeDefinition, at path: String) throws(ModelDiagnostic) -> String {
        try requireName(type.name, what: "type", at: path)
        var text = "type \(type.name)" + annotation(type.module, "module")
        guard !type.relations.isEmpty else { return text }
        text += "\n  relations"
        var relations = type.relations.sorted { $0.name < $1.name }
        if groupsByModule {
            // The type's own relations first, then those extensions added, by module and file.
            relations = relations.filter { $0.module == nil }
                + relations.filter { $0.module != nil }.sorted { Self.moduleOrder($0.module, $0.name) < Self.moduleOrder($1.module, $1.name) }
        }
        for relation in relations {
            let relationPath = "\(path).relations.\(relation.name)"
            try requireName(relation.name, what: "relation", at: relationPath)
            text += "\n    define \(relation.name): \(try relationText(relation, type: type.name, at: relationPath))"
            text += annotation(relation.module, "extended by: module")
        }
        return text
    }

    /// ` # module: core, file: core.fga`, as OpenFGA annotates modular models.
    private func annotation(_ source: ModuleSource?, _ label: String) -> String {
        guard annotates, let source else { return "" }
        return " # \(label): \(source.module), file: \(source.file ?? "")"
    }

    private static func moduleOrder(_ source: ModuleSource?, _ name: String) -> (String, String, String) {
        (source?.module ?? "", source?.file ?? "", name)
    }

    private func relationText(_ relation: RelationDefinition, type: String, at path: String) throws(ModelDiagnostic) -> String {
        let unsupported = ModelDiagnostic(
            kind: .invalidRelationType,
            message: "the '\(relation.name)' relation definition under the '\(type)' type is not supported by the OpenFGA DSL syntax yet",
            symbol: relation.name, path: path)
        let rewrite = Self.directFirst(relation.rewrite)
        var directCount = 0
        rewrite.forEach { if case .direct = $0 { directCount += 1 } }
        guard directCount == 0 || (directCount == 1 && Self.leftmostLeafIsDirect(rewrite)) else { throw unsupported }
        if directCount == 1 {
            guard !relation.directlyRelatedTypes.isEmpty else {
                throw ModelDiagnostic(
                    kind: .invalidRelationType,
                    message: "the '\(relation.name)' relation definition under the '\(type)' type assigns directly but lists no types, "
                        + "which the DSL cannot express",
                    symbol: relation.name, path: path)
            }
            for restriction in relation.directlyRelatedTypes {
                try requireName(restriction.type, what: "type", at: path)
                if let name = restriction.relation { try requireName(name, what: "relation", at: path) }
                if let name = restriction.condition { try requireName(name, what: "condition", at: path, kinds: [.identifier]) }
            }
        }
        for name in Self.referencedRelations(rewrite) { try requireName(name, what: "relation", at: path) }
        let direct = "[\(relation.directlyRelatedTypes.map(\.dslText).joined(separator: ", "))]"
        switch rewrite {
        case .union(let children): return children.map { Self.operandText($0, direct: direct) }.joined(separator: " or ")
        case .intersection(let children): return children.map { Self.operandText($0, direct: direct) }.joined(separator: " and ")
        case .exclusion(let base, let subtract):
            return "\(Self.operandText(base, direct: direct)) but not \(Self.operandText(subtract, direct: direct))"
        default: return Self.operandText(rewrite, direct: direct)
        }
    }

    /// An operand: leaves as they are, operators in parentheses.
    private static func operandText(_ rewrite: Rewrite, direct: String) -> String {
        switch rewrite {
        case .direct: direct
        case .computedUserset(let relation, _): relation
        case .tupleToUserset(let tupleset, let computed, _): "\(computed) from \(tupleset)"
        case .union(let children): "(\(children.map { operandText($0, direct: direct) }.joined(separator: " or ")))"
        case .intersection(let children): "(\(children.map { operandText($0, direct: direct) }.joined(separator: " and ")))"
        case .exclusion(let base, let subtract): "(\(operandText(base, direct: direct)) but not \(operandText(subtract, direct: direct)))"
        }
    }

    /// Moves a direct child of each union and intersection to the front, as OpenFGA's writer
    /// does (`a or [user]` prints as `[user] or a`: the same set).
    static func directFirst(_ rewrite: Rewrite) -> Rewrite {
        switch rewrite {
        case .direct, .computedUserset, .tupleToUserset:
            return rewrite
        case .union(let children):
            return .union(frontDirect(children.map(directFirst)))
        case .intersection(let children):
            return .intersection(frontDirect(children.map(directFirst)))
        case .exclusion(let base, let subtract):
            return .exclusion(base: directFirst(base), subtract: directFirst(subtract))
        }
    }

    private static func frontDirect(_ children: [Rewrite]) -> [Rewrite] {
        guard let index = children.firstIndex(where: { if case .direct = $0 { true } else { false } }) else { return children }
        var reordered = children
        let direct = reordered.remove(at: index)
        reordered.insert(direct, at: 0)
        return reordered
    }

    private static func leftmostLeafIsDirect(_ rewrite: Rewrite) -> Bool {
        switch rewrite {
        case .direct: true
        case .computedUserset, .tupleToUserset: false
        case .union(let children), .intersection(let children): children.first.map(leftmostLeafIsDirect) ?? false
        case .exclusion(let base, _): leftmostLeafIsDirect(base)
        }
    }

    private static func referencedRelations(_ rewrite: Rewrite) -> [String] {
        var names: [String] = []
        rewrite.forEach { node in
            switch node {
            case .computedUserset(let relation, _): names.append(relation)
            case .tupleToUserset(let tupleset, let computed, _): names += [computed, tupleset]
            default: break
            }
        }
        return names
    }

    // MARK: Conditions

    private func conditionText(_ condition: ConditionDefinition) throws(ModelDiagnostic) -> String {
        let path = "conditions.\(condition.name)"
        try requireName(condition.name, what: "condition", at: path, kinds: [.identifier])
        guard !condition.parameters.isEmpty else {
            throw ModelDiagnostic(
                kind: .invalidCondition, message: "condition '\(condition.name)' has no parameters, which the DSL cannot express",
                symbol: condition.name, path: path)
        }
        var parameters: [String] = []
        for parameter in condition.parameters.sorted(by: { $0.name < $1.name }) {
            let parameterPath = "\(path).parameters.\(parameter.name)"
            guard Self.lexesAsOne(parameter.name, inParameterList: true, kinds: [.identifier]) else {
                throw ModelDiagnostic(
                    kind: .invalidCondition, message: "parameter name '\(parameter.name)' cannot be written in the DSL",
                    symbol: parameter.name, path: parameterPath)
            }
            guard ConditionType(dslName: parameter.type.dslName) == parameter.type else {
                throw ModelDiagnostic(
                    kind: .invalidCondition,
                    message: "parameter '\(parameter.name)' of condition '\(condition.name)' has type \(parameter.type.dslName), "
                        + "which the DSL cannot express",
                    symbol: parameter.name, path: parameterPath)
            }
            parameters.append("\(parameter.name): \(parameter.type.dslName)")
        }
        guard Self.expressionReadsBack(condition.expression) else {
            throw ModelDiagnostic(
                kind: .invalidCondition,
                message: "the expression of condition '\(condition.name)' cannot be written in the DSL (it would end early at '}' or lose text)",
                symbol: condition.name, path: "\(path).expression")
        }
        let header = "condition \(condition.name)(\(parameters.joined(separator: ", ")))"
        return "\(header) {\n  \(condition.expression)\n}\(annotation(condition.module, "module"))\n"
    }

    /// True when the DSL reads the expression back between `{` and `}` with nothing lost but
    /// spaces at line ends (which the DSL drops): no ` #` comment cut, no early `}`, no
    /// character the DSL cannot lex.
    private static func expressionReadsBack(_ expression: String) -> Bool {
        let text = "{" + expression + "}"
        let source = DSLSource(text: text, file: nil)
        guard withoutTrailingSpaces(source.text(0, source.bytes.count)) == withoutTrailingSpaces(text) else { return false }
        let (tokens, diagnostics) = DSLLexer.tokenize(source)
        guard diagnostics.isEmpty else { return false }
        let inner = tokens.dropFirst().prefix { $0.kind != .endOfFile }.dropLast()
        return inner.allSatisfy { $0.kind != .rBrace && $0.kind != .condition }
    }

    private static func withoutTrailingSpaces(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = line
            while line.last == " " { line = line.dropLast() }
            return line
        }
    }

    // MARK: Names

    private func requireName(
        _ name: String, what: String, at path: String, kinds: Set<DSLToken.Kind> = DSLToken.nameKinds
    ) throws(ModelDiagnostic) {
        guard Self.lexesAsOne(name, inParameterList: false, kinds: kinds) else {
            throw ModelDiagnostic(
                kind: .invalidName, message: "\(what) name '\(name)' cannot be written in the DSL", symbol: name, path: path)
        }
    }

    /// True when the DSL lexer reads `name` as one token of one of `kinds` (in the
    /// parameter-list mode of conditions when `inParameterList`).
    static func lexesAsOne(_ name: String, inParameterList: Bool, kinds: Set<DSLToken.Kind>) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, DSLLexer.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        let (kind, length) = DSLLexer.word(in: bytes, at: 0, inParameterList: inParameterList)
        return length == bytes.count && kinds.contains(kind)
    }
}
