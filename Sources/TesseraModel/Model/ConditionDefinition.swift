public import TesseraConditions

/// A named condition: typed parameters and a CEL expression that must evaluate to `bool`
/// (`condition in_region(region: string, allowed: list<string>) { region in allowed }`).
public struct ConditionDefinition: Sendable, Equatable {
    public var name: String
    /// The expression's source text, exactly as written between the braces (trimmed).
    public var expression: String
    /// Parameters in declaration order.
    public var parameters: [ConditionParameter]
    public var module: ModuleSource?
    /// Where the condition's name appears in DSL source.
    public var range: SourceRange?
    /// Where the expression starts in DSL source (so expression errors can be placed).
    public var expressionRange: SourceRange?

    public init(
        name: String,
        expression: String,
        parameters: [ConditionParameter] = [],
        module: ModuleSource? = nil,
        range: SourceRange? = nil,
        expressionRange: SourceRange? = nil
    ) {
        self.name = name
        self.expression = expression
        self.parameters = parameters
        self.module = module
        self.range = range
        self.expressionRange = expressionRange
    }

    /// The declared type of the parameter `name`, if any.
    public func parameterType(_ name: String) -> ConditionType? {
        parameters.first { $0.name == name }?.type
    }

    /// Equality compares content only: source ranges are annotations.
    public static func == (lhs: ConditionDefinition, rhs: ConditionDefinition) -> Bool {
        lhs.name == rhs.name && lhs.expression == rhs.expression && lhs.parameters == rhs.parameters && lhs.module == rhs.module
    }
}

/// A condition parameter: `name: type`.
public struct ConditionParameter: Sendable, Equatable {
    public var name: String
    public var type: ConditionType
    public var range: SourceRange?

    public init(name: String, type: ConditionType, range: SourceRange? = nil) {
        self.name = name
        self.type = type
        self.range = range
    }

    public static func == (lhs: ConditionParameter, rhs: ConditionParameter) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type
    }
}
