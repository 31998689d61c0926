/// A type of object (`user`, `document`, `folder`) and the relations objects of that type have.
public struct TypeDefinition: Sendable, Equatable {
    public var name: String
    /// Relations in source order (the JSON form is a map; decoding sorts by name, as `fga` does).
    public var relations: [RelationDefinition]
    /// Module and file of a modular model; `nil` otherwise.
    public var module: ModuleSource?
    /// Where the type's name appears in DSL source.
    public var range: SourceRange?

    public init(name: String, relations: [RelationDefinition] = [], module: ModuleSource? = nil, range: SourceRange? = nil) {
        self.name = name
        self.relations = relations
        self.module = module
        self.range = range
    }

    /// The relation named `name`, if any.
    public func relation(named name: String) -> RelationDefinition? {
        relations.first { $0.name == name }
    }

    /// Equality compares content only: source ranges are annotations.
    public static func == (lhs: TypeDefinition, rhs: TypeDefinition) -> Bool {
        lhs.name == rhs.name && lhs.relations == rhs.relations && lhs.module == rhs.module
    }
}

/// Where a piece of a modular model comes from: its module name and source file.
public struct ModuleSource: Sendable, Equatable {
    public var module: String
    public var file: String?

    public init(module: String, file: String? = nil) {
        self.module = module
        self.file = file
    }
}
