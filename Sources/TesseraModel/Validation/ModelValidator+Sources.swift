/// Validation straight from source text, as `tessera model validate` and the API read models.
extension ModelValidator {
    /// Parses and validates DSL text in one step: the syntax errors when the text does not
    /// parse, otherwise the findings of ``validate(_:level:limits:)``.
    public static func validate(dsl: String, file: String? = nil, level: Level, limits: ModelLimits = .default) -> [ModelDiagnostic] {
        let parsed = DSLParser.parse(dsl, file: file)
        guard parsed.diagnostics.isEmpty else { return parsed.diagnostics }
        return validate(parsed.model, level: level, limits: limits)
    }

    /// Decodes and validates a JSON model in one step: the decoding error when the JSON is not
    /// a model, otherwise the findings of ``validate(_:level:limits:)``. Diagnostics carry JSON
    /// paths.
    public static func validate(json: some Collection<UInt8>, level: Level, limits: ModelLimits = .default) -> [ModelDiagnostic] {
        do {
            return validate(try AuthorizationModel(json: json), level: level, limits: limits)
        } catch {
            return error.diagnostics
        }
    }
}
