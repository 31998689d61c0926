/// Checks an authorization model against OpenFGA's rules, at one of two levels.
///
/// OpenFGA judges models in two places that disagree a little. Its server (what
/// `WriteAuthorizationModel` and `fga model validate` apply) checks references, tuplesets,
/// entry points and cycles, and accepts harmless redundancy. Its language tooling (the DSL
/// validator the editor and test data use) also refuses duplicate type restrictions, repeated
/// operands, unused conditions and names with `*`. Tessera's API must accept every model
/// OpenFGA's server accepts, so it validates at ``Level/server``; `tessera model validate`
/// validates at ``Level/lint``, which adds the language tooling's rules.
///
/// ```swift
/// let problems = ModelValidator.validate(model, level: .server)
/// if !problems.isEmpty { throw ModelError(problems) }
/// ```
///
/// Rules are values (``ModelRule``) run in two stages: the structural rules (limits, schema,
/// names, duplicates, references, tuplesets, conditions) always run; the graph rules (entry
/// points, cycles) run only on a model that passed them, since they assume every reference
/// resolves. Condition expressions are not compiled here.
public struct ModelValidator: Sendable {
    /// How strict the validation is.
    public enum Level: Sendable, Hashable {
        /// What OpenFGA's `WriteAuthorizationModel` accepts (including the API's request rules,
        /// such as at least one type definition).
        case server
        /// The server's semantic rules plus the rules of OpenFGA's language tooling.
        case lint
    }

    /// The problems of `model`; empty when it is valid at `level`.
    ///
    /// Diagnostics carry the DSL range of the offending element when the model was parsed
    /// from DSL, and its JSON path (`ModelDiagnostic.path`) always.
    public static func validate(_ model: AuthorizationModel, level: Level, limits: ModelLimits = .default) -> [ModelDiagnostic] {
        let context = ValidationContext(model: model, level: level, limits: limits)
        var diagnostics: [ModelDiagnostic] = []
        for stage in stages(for: level) {
            for rule in stage { diagnostics += rule.check(context) }
            guard diagnostics.isEmpty else { break }
        }
        return ModelDiagnostic.inSourceOrder(diagnostics)
    }

    static func stages(for level: Level) -> [[any ModelRule]] {
        var structural: [any ModelRule] = [
            LimitRule(), SchemaVersionRule(), NamingRule(), DuplicateDefinitionRule(), TypeRestrictionRule(),
            RewriteReferenceRule(), ConditionUsageRule(),
        ]
        if level == .lint { structural += [RedundancyRule(), ModuleRule()] }
        return [structural, [EntrypointRule()]]
    }
}

/// One family of model checks: given the model, the problems it finds (none when the model
/// meets the rule), each with its reason and location.
protocol ModelRule: Sendable {
    func check(_ context: ValidationContext) -> [ModelDiagnostic]
}
