/// An authorization model: the types of a store, their relations and the conditions those
/// relations may carry.
///
/// This is OpenFGA's model (schema 1.1, and 1.2 for modular models). It is built by the DSL
/// parser or the JSON codec and is immutable once written to a store. Relations and
/// conditions keep their source order so the DSL writer and diagnostics can follow it.
public struct AuthorizationModel: Sendable, Equatable {
    /// The model id (a ULID) once the model is stored; `nil` for a model being written.
    public var id: String?
    /// `1.1`, or `1.2` for modular models.
    public var schemaVersion: String
    public var typeDefinitions: [TypeDefinition]
    public var conditions: [ConditionDefinition]
    /// Where the schema version appears in DSL source; for a module file, which has none,
    /// the start of its `module` line.
    public var schemaVersionRange: SourceRange?

    public init(
        id: String? = nil,
        schemaVersion: String = "1.1",
        typeDefinitions: [TypeDefinition] = [],
        conditions: [ConditionDefinition] = [],
        schemaVersionRange: SourceRange? = nil
    ) {
        self.id = id
        self.schemaVersion = schemaVersion
        self.typeDefinitions = typeDefinitions
        self.conditions = conditions
        self.schemaVersionRange = schemaVersionRange
    }

    /// Equality compares content only: source ranges are annotations.
    public static func == (lhs: AuthorizationModel, rhs: AuthorizationModel) -> Bool {
        lhs.id == rhs.id && lhs.schemaVersion == rhs.schemaVersion && lhs.typeDefinitions == rhs.typeDefinitions
            && lhs.conditions == rhs.conditions
    }

    /// The type definition named `name`, if any (first match; duplicates are a validation error).
    public func typeDefinition(named name: String) -> TypeDefinition? {
        typeDefinitions.first { $0.name == name }
    }

    /// The condition named `name`, if any.
    public func condition(named name: String) -> ConditionDefinition? {
        conditions.first { $0.name == name }
    }
}
