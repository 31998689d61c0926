/// Merges parsed module files into one model, with the rules and messages of OpenFGA's
/// `transformModuleFilesToModel`: files are taken in manifest order; a type may be defined
/// once; `extend type` adds relations to a type defined in any file (applied after all files
/// are read, so order does not matter), never a relation the type already has; a condition may
/// be defined once.
struct ModuleCombiner {
    private var model: AuthorizationModel
    private var problems: [ModelDiagnostic] = []
    /// Type name → index in `model.typeDefinitions`.
    private var typeIndex: [String: Int] = [:]
    private var extensions: [TypeDefinition] = []
    private var conditionNames: Set<String> = []

    init(schemaVersion: String) {
        model = AuthorizationModel(schemaVersion: schemaVersion)
    }

    mutating func add(_ file: DSLFile) {
        guard file.diagnostics.isEmpty else {
            problems += file.diagnostics
            return
        }
        guard file.moduleName != nil else {
            let range = SourceRange(line: 0, column: 0, length: 0, file: file.file)
            problems.append(ModelDiagnostic(kind: .invalidModule, message: "file is not a module", range: range, symbol: file.file))
            return
        }
        for declaration in file.types {
            let type = declaration.definition
            if declaration.isExtension {
                extensions.append(type)
            } else if typeIndex[type.name] != nil {
                problems.append(
                    ModelDiagnostic(kind: .duplicated, message: "duplicate type definition \(type.name)", range: type.range, symbol: type.name))
            } else {
                typeIndex[type.name] = model.typeDefinitions.count
                model.typeDefinitions.append(type)
            }
        }
        for condition in file.conditions {
            if !conditionNames.insert(condition.name).inserted {
                problems.append(
                    ModelDiagnostic(
                        kind: .duplicated, message: "duplicate condition \(condition.name)", range: condition.range, symbol: condition.name))
            } else {
                model.conditions.append(condition)
            }
        }
    }

    /// The combined model and every problem found.
    mutating func finish() -> (model: AuthorizationModel, problems: [ModelDiagnostic]) {
        for extended in extensions {
            guard let index = typeIndex[extended.name], model.typeDefinitions.indices.contains(index) else {
                problems.append(
                    ModelDiagnostic(
                        kind: .invalidModule, message: "extended type \(extended.name) does not exist", range: extended.range, symbol: extended.name))
                continue
            }
            for relation in extended.relations {
                if model.typeDefinitions[index].relation(named: relation.name) != nil {
                    problems.append(
                        ModelDiagnostic(
                            kind: .duplicated, message: "relation \(relation.name) already exists on type \(extended.name)", range: relation.range,
                            symbol: relation.name))
                } else {
                    model.typeDefinitions[index].relations.append(relation)
                }
            }
        }
        return (model, ModelDiagnostic.inSourceOrder(problems))
    }
}
