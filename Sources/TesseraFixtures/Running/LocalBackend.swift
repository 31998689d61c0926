public import TesseraEngine
import TesseraModel
import TesseraStore

/// Answers a fixture's queries in process with Tessera's engine, over an in-memory store.
///
/// The fixture's tuples go into one indexed `TupleSet`, built once per file; a test's own
/// tuples are laid over it (`OverlayTupleReader`) for that test only, so a file with many
/// tests never copies its shared tuples. The engine is the server's: same validation of
/// requests, same evaluation, same limits (OpenFGA's defaults, which `fga` uses too).
/// An in-memory set rather than a temporary LMDB store: the tuples are validated as a
/// write validates them when the fixture loads, the engine only ever sees a `TupleReader`,
/// and no disk, map or fsync cost is paid for a store that lives for one run.
public struct LocalBackend: FixtureBackend {
    public var engine: Engine

    public init(engine: Engine = Engine()) {
        self.engine = engine
    }

    public func open(_ fixture: LoadedFixture) throws(FixtureError) -> any FixtureSession {
        guard let typeSystem = fixture.typeSystem else {
            throw FixtureError(
                SourceLocation(file: fixture.fixture.path),
                "the fixture names no model (model or model_file); only a server run (--api-url, --store-id) can use it")
        }
        return LocalSession(engine: engine, typeSystem: typeSystem, base: TupleSet(fixture.tuples.map(\.key)))
    }
}

/// A fixture's in-memory store and the current test's tuples.
struct LocalSession: FixtureSession {
    let engine: Engine
    let typeSystem: TypeSystem
    let base: TupleSet
    var testTuples = TupleSet()

    var reader: any TupleReader {
        testTuples.isEmpty ? base : OverlayTupleReader(contextual: testTuples, base: base)
    }

    mutating func beginTest(_ tuples: [TupleKey]) {
        testTuples = TupleSet(tuples)
    }

    mutating func endTest() {
        testTuples = TupleSet()
    }

    func check(_ request: CheckRequest) -> Result<Bool, QueryError> {
        do {
            return .success(try engine.check(request, typeSystem: typeSystem, reader: reader))
        } catch {
            return .failure(QueryError(error))
        }
    }

    func listObjects(_ request: ListObjectsRequest) -> Result<[String], QueryError> {
        do {
            return .success(try engine.listObjects(request, typeSystem: typeSystem, reader: reader).objects)
        } catch {
            return .failure(QueryError(error))
        }
    }

    func listUsers(_ query: ListUsersQuery) -> Result<[String], QueryError> {
        guard let object = ObjectReference(query.object) else {
            return .failure(QueryError(code: EngineError.Code.validationError.rawValue, message: "invalid 'object' field format: '\(query.object)'"))
        }
        let request = ListUsersRequest(
            object: object, relation: query.relation, filter: query.filter, contextualTuples: query.contextualTuples, context: query.context)
        do {
            return .success(try engine.listUsers(request, typeSystem: typeSystem, reader: reader).users.map(\.description))
        } catch {
            return .failure(QueryError(error))
        }
    }

    mutating func close() {}
}

extension QueryError {
    init(_ error: EngineError) {
        self.init(code: error.code.rawValue, message: error.message)
    }
}
