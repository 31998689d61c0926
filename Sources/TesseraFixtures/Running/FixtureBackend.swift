public import TesseraConditions
public import TesseraEngine
public import TesseraModel

/// Where a fixture's queries are answered: the engine in process (``LocalBackend``) or a
/// server over HTTP (``RemoteBackend``).
public protocol FixtureBackend: Sendable {
    /// Sets up the fixture's model and its shared tuples; the session answers its tests.
    func open(_ fixture: LoadedFixture) async throws(FixtureError) -> any FixtureSession
}

/// One fixture's store, as its tests see it.
public protocol FixtureSession {
    /// Adds a test's own tuples to the fixture's, until `endTest`.
    mutating func beginTest(_ tuples: [TupleKey]) async throws(FixtureError)
    /// Removes the test's own tuples again.
    mutating func endTest() async throws(FixtureError)
    func check(_ request: CheckRequest) async -> Result<Bool, QueryError>
    /// The objects found (`type:id`).
    func listObjects(_ request: ListObjectsRequest) async -> Result<[String], QueryError>
    /// The users found, in their wire form (`user:anne`, `group:eng#member`, `user:*`).
    func listUsers(_ request: ListUsersQuery) async -> Result<[String], QueryError>
    /// Releases what `open` set up.
    mutating func close() async
}

/// A list-users query as a fixture states it: the object as written (it may be malformed;
/// the backend reports that as the query's error).
public struct ListUsersQuery: Sendable, Hashable {
    public var object: String
    public var relation: String
    public var filter: ListUsersRequest.Filter
    public var contextualTuples: [TupleKey]
    public var context: JSONObject

    public init(object: String, relation: String, filter: ListUsersRequest.Filter, contextualTuples: [TupleKey] = [], context: JSONObject = [:]) {
        self.object = object
        self.relation = relation
        self.filter = filter
        self.contextualTuples = contextualTuples
        self.context = context
    }
}
