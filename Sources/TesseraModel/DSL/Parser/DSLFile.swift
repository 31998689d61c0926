/// One parsed DSL file: a model (`model` / `schema`) or a module of a modular model
/// (`module`), with its declarations and every syntax error found.
struct DSLFile: Sendable {
    enum Header: Sendable {
        /// `model` / `schema 1.1`; the range is the version's.
        case model(schemaVersion: String, range: SourceRange)
        /// `module name`; the range is the `module` keyword's.
        case module(name: String, range: SourceRange)
    }

    /// A `type` or, in a module, an `extend type` declaration.
    struct TypeDeclaration: Sendable {
        var definition: TypeDefinition
        var isExtension: Bool
    }

    var file: String?
    var header: Header?
    var types: [TypeDeclaration] = []
    var conditions: [ConditionDefinition] = []
    /// Lexer and parser errors, in source order.
    var diagnostics: [ModelDiagnostic] = []

    var moduleName: String? {
        if case .module(let name, _) = header { return name }
        return nil
    }

    /// The file as one model: a module file gives an empty schema version (a module is
    /// only complete inside its `fga.mod`), and its declarations carry their module.
    var model: AuthorizationModel {
        var model = AuthorizationModel(schemaVersion: "")
        switch header {
        case .model(let version, let range):
            model.schemaVersion = version
            model.schemaVersionRange = range
        case .module(_, let range):
            model.schemaVersionRange = SourceRange(line: range.line, column: range.column, length: 0, file: range.file)
        case nil:
            break
        }
        model.typeDefinitions = types.map(\.definition)
        model.conditions = conditions
        return model
    }
}
