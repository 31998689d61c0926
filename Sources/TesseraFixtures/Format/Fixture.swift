public import TesseraConditions
public import TesseraEngine
public import TesseraModel

/// A parsed `.fga.yaml` fixture, as written: references to other files are not read yet
/// (``FixtureLoader`` does that). Field names follow `fga model test`'s store file format.
public struct Fixture: Sendable {
    /// The fixture's path as given.
    public var path: String
    /// `name`.
    public var name: String
    /// `model` (inline DSL) or `model_file`; `nil` when the file has neither.
    public var model: ModelReference?
    /// `tuples`.
    public var tuples: [FixtureTuple]
    /// `tuple_file`, then the entries of `tuple_files`.
    public var tupleFiles: [FileReference]
    /// `tests`.
    public var tests: [FixtureTest]

    public init(
        path: String, name: String = "", model: ModelReference? = nil, tuples: [FixtureTuple] = [], tupleFiles: [FileReference] = [],
        tests: [FixtureTest] = []
    ) {
        self.path = path
        self.name = name
        self.model = model
        self.tuples = tuples
        self.tupleFiles = tupleFiles
        self.tests = tests
    }
}

/// Where a fixture's model comes from.
public enum ModelReference: Sendable {
    /// `model: |` — DSL text; `location` is where the text starts (its first line).
    case inline(text: String, location: SourceLocation)
    /// `model_file:` — a `.fga`, `.json` or `fga.mod` path relative to the fixture.
    case file(FileReference)
}

/// A path a fixture names, relative to the fixture's folder.
public struct FileReference: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}

/// A tuple and where it was written.
public struct FixtureTuple: Sendable, Hashable {
    public var key: TupleKey
    public var location: SourceLocation

    public init(key: TupleKey, location: SourceLocation) {
        self.key = key
        self.location = location
    }
}

/// One entry of `tests`.
public struct FixtureTest: Sendable {
    public var name: String
    public var description: String
    /// `tuples` of the test, added to the fixture's.
    public var tuples: [FixtureTuple]
    /// `tuple_file` of the test.
    public var tupleFile: FileReference?
    public var checks: [CheckEntry]
    public var listObjects: [ListObjectsEntry]
    public var listUsers: [ListUsersEntry]
    public var location: SourceLocation

    public init(
        name: String, description: String = "", tuples: [FixtureTuple] = [], tupleFile: FileReference? = nil, checks: [CheckEntry] = [],
        listObjects: [ListObjectsEntry] = [], listUsers: [ListUsersEntry] = [], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.tuples = tuples
        self.tupleFile = tupleFile
        self.checks = checks
        self.listObjects = listObjects
        self.listUsers = listUsers
        self.location = location
    }
}

/// A `check` entry: every user × object × relation listed is one check.
public struct CheckEntry: Sendable {
    /// `user`, or the entries of `users`.
    public var users: [String]
    /// `object`, or the entries of `objects`.
    public var objects: [String]
    /// `context`; `nil` when absent.
    public var context: JSONObject?
    /// `contextual_tuples` (a Tessera extension).
    public var contextualTuples: [TupleKey]
    public var assertions: [CheckAssertion]
    public var location: SourceLocation

    public init(
        users: [String], objects: [String], context: JSONObject? = nil, contextualTuples: [TupleKey] = [], assertions: [CheckAssertion],
        location: SourceLocation
    ) {
        self.users = users
        self.objects = objects
        self.context = context
        self.contextualTuples = contextualTuples
        self.assertions = assertions
        self.location = location
    }
}

/// `relation: expectation` in a check's `assertions`.
public struct CheckAssertion: Sendable {
    public var relation: String
    public var expectation: CheckExpectation
    public var location: SourceLocation

    public init(relation: String, expectation: CheckExpectation, location: SourceLocation) {
        self.relation = relation
        self.expectation = expectation
        self.location = location
    }
}

/// What a check should answer.
public enum CheckExpectation: Sendable, Hashable {
    /// `true` / `false`.
    case allowed(Bool)
    /// `{error: CODE, message: TEXT}` (a Tessera extension): the check fails with the error
    /// code (OpenFGA's name, e.g. `validation_error`) and, when given, a message containing
    /// `message`.
    case error(code: String?, message: String?)
}

/// A `list_objects` entry: each relation in `assertions` is one list-objects query.
public struct ListObjectsEntry: Sendable {
    public var user: String
    public var type: String
    public var context: JSONObject?
    /// `contextual_tuples` (a Tessera extension).
    public var contextualTuples: [TupleKey]
    public var assertions: [ListAssertion]
    public var location: SourceLocation

    public init(
        user: String, type: String, context: JSONObject? = nil, contextualTuples: [TupleKey] = [], assertions: [ListAssertion],
        location: SourceLocation
    ) {
        self.user = user
        self.type = type
        self.context = context
        self.contextualTuples = contextualTuples
        self.assertions = assertions
        self.location = location
    }
}

/// A `list_users` entry: each relation in `assertions` is one list-users query.
public struct ListUsersEntry: Sendable {
    public var object: String
    /// `user_filter`. Like `fga`, only the first filter is used.
    public var filters: [ListUsersRequest.Filter]
    public var context: JSONObject?
    /// `contextual_tuples` (a Tessera extension).
    public var contextualTuples: [TupleKey]
    public var assertions: [ListAssertion]
    public var location: SourceLocation

    public init(
        object: String, filters: [ListUsersRequest.Filter], context: JSONObject? = nil, contextualTuples: [TupleKey] = [], assertions: [ListAssertion],
        location: SourceLocation
    ) {
        self.object = object
        self.filters = filters
        self.context = context
        self.contextualTuples = contextualTuples
        self.assertions = assertions
        self.location = location
    }
}

/// `relation: [objects]` in list_objects, `relation: {users: [...]}` in list_users; compared
/// as sets.
public struct ListAssertion: Sendable {
    public var relation: String
    public var expected: [String]
    public var location: SourceLocation

    public init(relation: String, expected: [String], location: SourceLocation) {
        self.relation = relation
        self.expected = expected
        self.location = location
    }
}
