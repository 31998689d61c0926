import TesseraEngine
import TesseraModel

/// Runs fixtures against a running Tessera or OpenFGA server over HTTP: the model and the
/// tuples are really written to a store and every assertion is a real API call (unlike
/// `fga model test --store-id`, which evaluates with its embedded engine whenever the file
/// names a model).
///
/// With a store id, the store must hold no tuples: each fixture writes its model (a new
/// model of that store) and its tuples, each test adds and afterwards deletes its own, and
/// the fixture's tuples are deleted when it is done, so the store ends as it began (plus the
/// models). Without one, each fixture gets a new store, deleted afterwards.
public struct RemoteBackend: FixtureBackend {
    public var client: OpenFGAClient
    public var storeID: String?

    public init(client: OpenFGAClient, storeID: String? = nil) {
        self.client = client
        self.storeID = storeID
    }

    public func open(_ fixture: LoadedFixture) async throws(FixtureError) -> any FixtureSession {
        let location = SourceLocation(file: fixture.fixture.path)
        func fail(_ what: String, _ error: RemoteError) -> FixtureError {
            FixtureError(location, "\(what) on \(client.baseURL) failed: \(error)")
        }
        var session = RemoteSession(client: client, storeID: storeID ?? "", ownsStore: storeID == nil)
        do {
            if let storeID {
                try await client.getStore(id: storeID)
                let page = try await client.read(storeID: storeID, pageSize: 1)
                guard page.tuples.isEmpty else {
                    throw FixtureError(
                        location, "store \(storeID) already holds tuples; a test run needs a store without tuples (or leave out --store-id)")
                }
            } else {
                let name = fixture.fixture.name.isEmpty ? "tessera-test" : fixture.fixture.name
                session.storeID = try await client.createStore(name: String(name.prefix(64)))
            }
        } catch let error as RemoteError {
            throw fail("setting up the store", error)
        } catch let error as FixtureError {
            throw error
        } catch {
            throw FixtureError(location, "\(error)")
        }
        do {
            if let model = fixture.model { session.modelID = try await client.writeModel(storeID: session.storeID, model: model) }
            try await session.write(fixture.tuples.map(\.key))
            session.fixtureTuples = fixture.tuples.map(\.key)
        } catch {
            await session.close()
            throw fail("writing the model and tuples", error)
        }
        return session
    }
}

/// A fixture's store on the server.
struct RemoteSession: FixtureSession {
    let client: OpenFGAClient
    var storeID: String
    /// The store was created for the fixture and is deleted afterwards.
    let ownsStore: Bool
    var modelID: String?
    var fixtureTuples: [TupleKey] = []
    var testTuples: [TupleKey] = []

    func write(_ tuples: [TupleKey]) async throws(RemoteError) {
        try await client.write(storeID: storeID, inBatches: tuples, modelID: modelID)
    }

    func delete(_ tuples: [TupleKey]) async throws(RemoteError) {
        try await client.write(storeID: storeID, inBatches: tuples, deleting: true, modelID: modelID)
    }

    mutating func beginTest(_ tuples: [TupleKey]) async throws(FixtureError) {
        testTuples = tuples
        do {
            try await write(tuples)
        } catch {
            throw FixtureError(SourceLocation(file: client.baseURL), "writing the test's tuples failed: \(error)")
        }
    }

    mutating func endTest() async throws(FixtureError) {
        defer { testTuples = [] }
        do {
            try await delete(testTuples)
        } catch {
            throw FixtureError(SourceLocation(file: client.baseURL), "deleting the test's tuples failed: \(error)")
        }
    }

    func check(_ request: CheckRequest) async -> Result<Bool, QueryError> {
        do {
            return .success(
                try await client.check(
                    storeID: storeID, modelID: modelID, object: request.object, relation: request.relation, user: request.user,
                    contextualTuples: request.contextualTuples, context: request.context.isEmpty ? nil : request.context))
        } catch {
            return .failure(QueryError(code: error.code, message: error.message))
        }
    }

    func listObjects(_ request: ListObjectsRequest) async -> Result<[String], QueryError> {
        do {
            return .success(
                try await client.listObjects(
                    storeID: storeID, modelID: modelID, type: request.type, relation: request.relation, user: request.user,
                    contextualTuples: request.contextualTuples, context: request.context.isEmpty ? nil : request.context))
        } catch {
            return .failure(QueryError(code: error.code, message: error.message))
        }
    }

    func listUsers(_ query: ListUsersQuery) async -> Result<[String], QueryError> {
        do {
            return .success(
                try await client.listUsers(
                    storeID: storeID, modelID: modelID, object: query.object, relation: query.relation, filterType: query.filter.type,
                    filterRelation: query.filter.relation, contextualTuples: query.contextualTuples, context: query.context.isEmpty ? nil : query.context))
        } catch {
            return .failure(QueryError(code: error.code, message: error.message))
        }
    }

    mutating func close() async {
        if ownsStore {
            if !storeID.isEmpty { try? await client.deleteStore(id: storeID) }
        } else {
            try? await delete(testTuples + fixtureTuples)
        }
    }
}
