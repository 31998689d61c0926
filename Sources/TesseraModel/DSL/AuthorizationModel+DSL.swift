/// The DSL form of a model, as OpenFGA's language tools read and print it.
extension AuthorizationModel {
    /// Parses DSL text (schema 1.1 or 1.2, or a single module file). Syntax only: a model that
    /// parses may still fail ``ModelValidator``.
    ///
    /// A module file (`module name`) parses to a model with an empty schema version whose
    /// declarations carry their module; ``init(modFile:contents:)`` combines modules.
    ///
    /// ```swift
    /// let model = try AuthorizationModel(dsl: "model\n  schema 1.1\ntype user\n")
    /// ```
    ///
    /// - Parameters:
    ///   - dsl: the source text.
    ///   - file: a file name to put into every source range, for messages.
    /// - Throws: ``ModelError`` with every syntax error found, each with its line, column and
    ///   offending text (`symbol`).
    public init(dsl: String, file: String? = nil) throws(ModelError) {
        let parsed = DSLParser.parse(dsl, file: file)
        guard parsed.diagnostics.isEmpty else { throw ModelError(parsed.diagnostics) }
        self = parsed.model
    }

    /// The model as DSL text, laid out as `fga model transform` prints it (without the extra
    /// line break the `fga` command adds after it).
    ///
    /// - Throws: ``ModelError`` when the DSL cannot express the model: a direct assignment
    ///   that cannot come first (`a but not [user]`), names or condition parts the DSL cannot
    ///   spell. Each diagnostic names the JSON path of the part.
    public func dslText() throws(ModelError) -> String {
        try DSLWriter().text(of: self)
    }
}
