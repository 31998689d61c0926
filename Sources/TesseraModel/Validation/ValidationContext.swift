/// What every validation rule sees: the model, the level, the limits, and lookups built once.
///
/// Duplicated names resolve to their first definition (duplicates are reported by
/// ``DuplicateDefinitionRule``). Diagnostics carry the DSL range of the element when the model
/// came from DSL, and always its JSON path (`type_definitions[1].relations.viewer`).
struct ValidationContext: Sendable {
    let model: AuthorizationModel
    let level: ModelValidator.Level
    let limits: ModelLimits
    /// Type name → index of its first definition.
    let typeIndex: [String: Int]
    /// Type name → relation name → its first definition.
    let relations: [String: [String: RelationDefinition]]
    let conditionNames: Set<String>
    /// Every relation of every type definition, duplicates included, in model order.
    let relationSites: [RelationSite]

    init(model: AuthorizationModel, level: ModelValidator.Level, limits: ModelLimits) {
        self.model = model
        self.level = level
        self.limits = limits
        var typeIndex: [String: Int] = [:]
        var relations: [String: [String: RelationDefinition]] = [:]
        for (index, type) in model.typeDefinitions.enumerated() where typeIndex[type.name] == nil {
            typeIndex[type.name] = index
            var byName: [String: RelationDefinition] = [:]
            for relation in type.relations where byName[relation.name] == nil { byName[relation.name] = relation }
            relations[type.name] = byName
        }
        self.typeIndex = typeIndex
        self.relations = relations
        conditionNames = Set(model.conditions.map(\.name))
        var sites: [RelationSite] = []
        for (typeOffset, type) in model.typeDefinitions.enumerated() {
            for relation in type.relations {
                let path = Self.relationPath(typeOffset, relation.name)
                sites.append(RelationSite(typeOffset: typeOffset, type: type, relation: relation, path: path))
            }
        }
        relationSites = sites
    }

    func typeExists(_ name: String) -> Bool {
        typeIndex[name] != nil
    }

    func relation(_ type: String, _ name: String) -> RelationDefinition? {
        relations[type]?[name]
    }

    // MARK: Walking the model

    /// One relation of the model, with what diagnostics about it need.
    struct RelationSite {
        var typeOffset: Int
        var type: TypeDefinition
        var relation: RelationDefinition
        var path: String
    }

    static func typePath(_ offset: Int) -> String {
        "type_definitions[\(offset)]"
    }

    static func relationPath(_ typeOffset: Int, _ relation: String) -> String {
        "type_definitions[\(typeOffset)].relations.\(relation)"
    }

    static func restrictionPath(_ typeOffset: Int, _ relation: String, _ offset: Int) -> String {
        "type_definitions[\(typeOffset)].metadata.relations.\(relation).directly_related_user_types[\(offset)]"
    }

    static func conditionPath(_ name: String) -> String {
        "conditions.\(name)"
    }

    /// The leaves of a rewrite (direct, computed, tuple-to-userset) with their JSON paths under
    /// `path`, left to right. Iterative: rewrites are bounded in depth, but this stays flat anyway.
    static func leaves(of rewrite: Rewrite, at path: String) -> [(rewrite: Rewrite, path: String)] {
        var leaves: [(rewrite: Rewrite, path: String)] = []
        var pending: [(rewrite: Rewrite, path: String)] = [(rewrite, path)]
        while let (node, nodePath) = pending.popLast() {
            switch node {
            case .direct: leaves.append((node, nodePath + ".this"))
            case .computedUserset: leaves.append((node, nodePath + ".computedUserset"))
            case .tupleToUserset: leaves.append((node, nodePath + ".tupleToUserset"))
            case .union(let children):
                pending += children.enumerated().reversed().map { ($0.element, "\(nodePath).union.child[\($0.offset)]") }
            case .intersection(let children):
                pending += children.enumerated().reversed().map { ($0.element, "\(nodePath).intersection.child[\($0.offset)]") }
            case .exclusion(let base, let subtract):
                pending += [(subtract, nodePath + ".difference.subtract"), (base, nodePath + ".difference.base")]
            }
        }
        return leaves
    }

    // MARK: Diagnostics

    func diagnostic(
        _ kind: ModelDiagnostic.Kind, _ message: String, range: SourceRange?, path: String, symbol: String? = nil
    ) -> ModelDiagnostic {
        ModelDiagnostic(kind: kind, message: message, range: range, symbol: symbol, path: path)
    }

    /// Where an element is, for messages that mention a second place: `line 4` or a JSON path.
    static func place(_ range: SourceRange?, path: String) -> String {
        guard let range else { return path }
        let file = range.file.map { "\($0):" } ?? "line "
        return "\(file)\(range.line + 1)"
    }
}

extension Rewrite {
    /// The range of a leaf (`nil` for operators and for models read from JSON).
    var leafRange: SourceRange? {
        switch self {
        case .direct(let range), .computedUserset(_, let range), .tupleToUserset(_, _, let range): range
        case .union, .intersection, .exclusion: nil
        }
    }

    /// `tupleset` in `computed from tupleset`: the last word of the leaf's range, which lies on
    /// one line (the grammar allows only spaces inside `X from Y`).
    var tuplesetRange: SourceRange? {
        guard case .tupleToUserset(let tupleset, _, let range?) = self, range.line == range.endLine else { return nil }
        let length = tupleset.unicodeScalars.count
        return SourceRange(line: range.line, column: range.endColumn - length, length: length, file: range.file)
    }

    /// The DSL spelling of a leaf: `viewer`, `viewer from parent`.
    var leafText: String? {
        switch self {
        case .computedUserset(let relation, _): relation
        case .tupleToUserset(let tupleset, let computed, _): "\(computed) from \(tupleset)"
        default: nil
        }
    }
}
