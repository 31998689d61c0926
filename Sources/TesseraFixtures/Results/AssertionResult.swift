public import TesseraConditions

/// The outcome of one assertion: one relation of a check (for one user and one object), of
/// a list_objects entry or of a list_users entry.
public struct AssertionResult: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case check
        case listObjects = "list_objects"
        case listUsers = "list_users"
    }

    /// What was asked.
    public struct Query: Sendable, Hashable, CustomStringConvertible {
        public var kind: Kind
        public var relation: String
        /// Check and list_objects: the user.
        public var user: String?
        /// Check and list_users: the object.
        public var object: String?
        /// List_objects: the object type.
        public var type: String?
        /// List_users: the user filter (`type` or `type#relation`).
        public var userFilter: String?
        public var context: JSONObject?
        public var contextualTupleCount: Int

        public init(
            kind: Kind, relation: String, user: String? = nil, object: String? = nil, type: String? = nil, userFilter: String? = nil,
            context: JSONObject? = nil, contextualTupleCount: Int = 0
        ) {
            self.kind = kind
            self.relation = relation
            self.user = user
            self.object = object
            self.type = type
            self.userFilter = userFilter
            self.context = context
            self.contextualTupleCount = contextualTupleCount
        }

        /// `Check(user=user:anne,relation=viewer,object=doc:1)`, as `fga` names queries, with
        /// the context as JSON when there is one.
        public var description: String {
            var parts: [String] = []
            switch kind {
            case .check: parts = ["user=\(user ?? "")", "relation=\(relation)", "object=\(object ?? "")"]
            case .listObjects: parts = ["user=\(user ?? "")", "relation=\(relation)", "type=\(type ?? "")"]
            case .listUsers: parts = ["object=\(object ?? "")", "relation=\(relation)", "user_filter=\(userFilter ?? "")"]
            }
            if let context { parts.append("context=\(JSONValue.object(context).canonicalText)") }
            if contextualTupleCount > 0 { parts.append("contextual_tuples=\(contextualTupleCount)") }
            let name = switch kind {
            case .check: "Check"
            case .listObjects: "ListObjects"
            case .listUsers: "ListUsers"
            }
            return "\(name)(\(parts.joined(separator: ",")))"
        }
    }

    /// An expected or actual answer.
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        case allowed(Bool)
        /// Sorted, as lists compare as sets.
        case list([String])
        /// An error (code, and a message or message part).
        case error(code: String?, message: String?)

        public var description: String {
            switch self {
            case .allowed(let value): "\(value)"
            case .list(let items): "[\(items.joined(separator: ", "))]"
            case .error(let code, let message):
                "error " + [code, message.map { "'\($0)'" }].compactMap { $0 }.joined(separator: " ")
            }
        }
    }

    public var query: Query
    public var expected: Value
    /// `nil` when the query failed (see `error`).
    public var actual: Value?
    /// The query's error: code and message.
    public var error: QueryError?
    public var passed: Bool
    /// Where the assertion is written.
    public var location: SourceLocation

    public init(query: Query, expected: Value, actual: Value?, error: QueryError?, passed: Bool, location: SourceLocation) {
        self.query = query
        self.expected = expected
        self.actual = actual
        self.error = error
        self.passed = passed
        self.location = location
    }
}

/// A query that failed: OpenFGA's error code name (`validation_error`, …) and message.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
