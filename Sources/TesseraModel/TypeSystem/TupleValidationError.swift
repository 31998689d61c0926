/// Why a tuple is not valid under a model, with OpenFGA's wording.
public struct TupleValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A type the tuple names is not in the model.
        case typeNotFound(String)
        /// The relation (on the object, or in a userset user) is not in the model.
        case relationNotFound(type: String, relation: String)
        /// Malformed, or not allowed by the model's restrictions.
        case invalidTuple
    }

    public var kind: Kind
    public var tuple: TupleKey
    /// The cause, as OpenFGA words it (`type 'user' is not an allowed type restriction for 'doc#viewer'`).
    public var reason: String

    public init(kind: Kind, tuple: TupleKey, reason: String) {
        self.kind = kind
        self.tuple = tuple
        self.reason = reason
    }

    /// `Invalid tuple 'doc:1#viewer@user:anne'. Reason: ...`, OpenFGA's message.
    public var description: String {
        var text = "Invalid tuple '\(tuple)"
        if let condition = tuple.condition { text += " (condition \(condition.name))" }
        return text + "'. Reason: \(reason)"
    }
}
