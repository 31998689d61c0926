/// Why a condition could not be compiled or evaluated.
///
/// Compilation errors (`.syntax`, `.type`) come from writing a model; the others come from
/// evaluating a condition during a check and map to OpenFGA's `validation_error`. None of
/// them is ever a crash: every input (expression text, context JSON, regex pattern) ends
/// in a value of this type.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error category.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's wire spelling (`syntax`, `missing_parameters`, ...).
        public let rawValue: String

        /// Creates a code from its spelling.
        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The expression text is not CEL (or uses syntax this subset does not have).
        public static let syntax = Code("syntax")
        /// The expression does not type-check against its parameters, or is not `bool`.
        public static let type = Code("type")
        /// A parameter declaration is unusable (its name is not a CEL identifier).
        public static let invalidParameter = Code("invalid_parameter")
        /// Evaluation failed: overflow, division by zero, bad conversion, bad regex, ...
        public static let evaluation = Code("evaluation")
        /// Declared parameters are absent from the context.
        public static let missingParameters = Code("missing_parameters")
        /// Evaluation exceeded its cost budget.
        public static let costExceeded = Code("cost_exceeded")
        /// A context value cannot be converted to its parameter's type.
        public static let invalidContext = Code("invalid_context")

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    /// 0-based offset in Unicode code points into the expression, when known.
    public var position: Int?
    /// The absent parameters, sorted by name (for `.missingParameters`).
    public var missingParameters: [String]

    /// Creates an error.
    public init(code: Code, message: String, position: Int? = nil, missingParameters: [String] = []) {
        self.code = code
        self.message = message
        self.position = position
        self.missingParameters = missingParameters
    }

    /// Whether the error comes from compiling (parse or type check) rather than evaluating.
    public var isCompilationError: Bool {
        code == .syntax || code == .type || code == .invalidParameter
    }

    public var description: String {
        if let position {
            return "\(code) error at position \(position): \(message)"
        }
        return "\(code) error: \(message)"
    }
}
