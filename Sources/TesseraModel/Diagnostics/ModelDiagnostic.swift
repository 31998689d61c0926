/// One problem found in a model: a syntax error, a semantic error or a lint finding.
///
/// `kind` uses the error-type names of OpenFGA's language tooling (`missing-definition`,
/// `relation-no-entry-point`, ...) so results can be compared with its test data.
public struct ModelDiagnostic: Error, Sendable, Hashable {
    /// A stable, machine-readable category.
    public struct Kind: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let syntax = Kind(rawValue: "syntax-error")
        public static let missingDefinition = Kind(rawValue: "missing-definition")
        public static let duplicated = Kind(rawValue: "duplicated-error")
        public static let reservedTypeKeywords = Kind(rawValue: "reserved-type-keywords")
        public static let reservedRelationKeywords = Kind(rawValue: "reserved-relation-keywords")
        public static let invalidName = Kind(rawValue: "invalid-name")
        public static let invalidRelationType = Kind(rawValue: "invalid-relation-type")
        public static let invalidType = Kind(rawValue: "invalid-type")
        public static let invalidSchema = Kind(rawValue: "invalid-schema")
        public static let schemaVersionRequired = Kind(rawValue: "schema-version-required")
        public static let invalidRelationOnTupleset = Kind(rawValue: "invalid-relation-on-tupleset")
        public static let tuplesetNotDirect = Kind(rawValue: "tupleuserset-not-direct")
        public static let noEntryPoint = Kind(rawValue: "relation-no-entry-point")
        public static let conditionNotDefined = Kind(rawValue: "condition-not-defined")
        public static let conditionNotUsed = Kind(rawValue: "condition-not-used")
        public static let differentNestedConditionName = Kind(rawValue: "different-nested-condition-name")
        public static let multipleModulesInFile = Kind(rawValue: "multiple-modules-in-file")
        /// A problem in an `fga.mod` manifest.
        public static let invalidModFile = Kind(rawValue: "invalid-mod-file")
        /// A module file that cannot join its modular model (not a module, unreadable, an
        /// extension of a type no module defines).
        public static let invalidModule = Kind(rawValue: "invalid-module")
        public static let invalidCondition = Kind(rawValue: "invalid-condition")
        public static let limitExceeded = Kind(rawValue: "limit-exceeded")
        public static let assignableRelationMustHaveType = Kind(rawValue: "assignable-relation-must-have-type")
        /// A relation whose rewrite refers to the relation itself (`viewer: [user] or viewer`),
        /// which OpenFGA's server refuses as an invalid userset rewrite.
        public static let invalidRewrite = Kind(rawValue: "invalid-rewrite")
        /// A relation that reaches itself through computed relations of its type
        /// (`x: [user] or y`, `y: x`), which OpenFGA's server refuses as a cycle.
        public static let cycle = Kind(rawValue: "cycle")
        public static let invalidJSON = Kind(rawValue: "invalid-json")
    }

    public var kind: Kind
    public var message: String
    /// Where in DSL source, when the model came from DSL.
    public var range: SourceRange?
    /// The offending identifier or token, when there is one.
    public var symbol: String?
    /// Where in a JSON model (`type_definitions[1].relations.viewer`), when it came from JSON.
    public var path: String?

    public init(kind: Kind, message: String, range: SourceRange? = nil, symbol: String? = nil, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.symbol = symbol
        self.path = path
    }
}

extension ModelDiagnostic: CustomStringConvertible {
    /// `LINE:COL: message` (1-based), or `path: message`, or just the message.
    public var description: String {
        if let range { return "\(range.line + 1):\(range.column + 1): \(message)" }
        if let path { return "\(path): \(message)" }
        return message
    }
}

/// A model that failed to parse or validate, with every problem found.
public struct ModelError: Error, Sendable, Equatable {
    public var diagnostics: [ModelDiagnostic]

    public init(_ diagnostics: [ModelDiagnostic]) {
        self.diagnostics = diagnostics
    }
}

extension ModelError: CustomStringConvertible {
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
