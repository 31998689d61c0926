extension ModelValidator {
    /// Parses and validates DSL text in one step, as `tessera model validate` does: the
    /// syntax errors when the text does not parse, otherwise the findings of
    /// ``validate(_:level:limits:)``.
    public static func validate(dsl: String, file: String? = nil, level: Level, limits: ModelLimits = .default) -> [ModelDiagnostic] {
        let parsed = DSLParser.parse(dsl, file: file)
        guard parsed.diagnostics.isEmpty else { return parsed.diagnostics }
        return validate(parsed.model, level: level, limits: limits)
    }
}
