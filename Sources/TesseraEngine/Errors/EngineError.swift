/// Why the engine could not answer a query. `code` is OpenFGA's error code name, so the
/// server maps it to the same HTTP status and clients see the same `code` field.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code (OpenFGA's names).
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// 2000: the request does not fit the model (unknown type or relation in check,
        /// condition evaluation failures, missing condition parameters).
        public static let validationError = Code(rawValue: "validation_error")
        /// 2002: the rewrite rules nest deeper than the resolution depth limit.
        public static let resolutionTooComplex = Code(rawValue: "authorization_model_resolution_too_complex")
        /// 2021: unknown type in list objects / list users.
        public static let typeNotFound = Code(rawValue: "type_not_found")
        /// 2022: unknown relation in list objects / list users.
        public static let relationNotFound = Code(rawValue: "relation_not_found")
        /// 2027: a contextual tuple is not valid under the model.
        public static let invalidTuple = Code(rawValue: "invalid_tuple")
        /// 4004: the request ran out of time.
        public static let deadlineExceeded = Code(rawValue: "deadline_exceeded")
        /// 4000: storage failed while reading.
        public static let internalError = Code(rawValue: "internal_error")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static let tooComplex = EngineError(
        .resolutionTooComplex,
        "Authorization Model resolution required too many rewrite rules to be resolved. Check your authorization model for infinite recursion or too much nesting")
}
