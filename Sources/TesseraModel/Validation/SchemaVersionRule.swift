/// The schema version must be present and one OpenFGA supports: `1.1`, or `1.2` for models
/// combined from modules.
struct SchemaVersionRule: ModelRule {
    static let supportedVersions: Set<String> = ["1.1", "1.2"]

    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        let version = context.model.schemaVersion
        let range = context.model.schemaVersionRange
        if version.isEmpty {
            return [context.diagnostic(.schemaVersionRequired, "schema version required", range: range, path: "schema_version", symbol: "")]
        }
        guard Self.supportedVersions.contains(version) else {
            return [context.diagnostic(.invalidSchema, "invalid schema \(version)", range: range, path: "schema_version", symbol: version)]
        }
        return []
    }
}
