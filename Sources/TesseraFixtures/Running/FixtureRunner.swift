import TesseraConditions
import TesseraEngine
import TesseraModel

/// Runs the tests of fixtures against a backend, the way `fga model test` runs them: each
/// test sees the fixture's tuples plus its own; every relation of a check, for each user and
/// each object listed, is one check; list results compare as sets (duplicates count).
public struct FixtureRunner: Sendable {
    public var backend: any FixtureBackend
    public var loader: FixtureLoader

    public init(backend: any FixtureBackend = LocalBackend(), loader: FixtureLoader = FixtureLoader()) {
        self.backend = backend
        self.loader = loader
    }

    /// Loads and runs the fixture at `path`. Never throws: a file that cannot be run comes
    /// back with its `error` set.
    public func run(path: String) async -> FixtureResult {
        let fixture: LoadedFixture
        do {
            fixture = try loader.load(path: path)
        } catch {
            return FixtureResult(path: path, error: error)
        }
        return await run(fixture)
    }

    /// Runs the fixtures at `paths`, several at a time; results in the order of `paths`.
    public func run(paths: [String], concurrency: Int) async -> [FixtureResult] {
        await withTaskGroup(of: (Int, FixtureResult).self) { group in
            var results = [FixtureResult?](repeating: nil, count: paths.count)
            var next = 0
            for _ in 0..<min(max(1, concurrency), paths.count) {
                let index = next
                group.addTask { (index, await run(path: paths[index])) }
                next += 1
            }
            for await (index, result) in group {
                results[index] = result
                if next < paths.count {
                    let index = next
                    group.addTask { (index, await run(path: paths[index])) }
                    next += 1
                }
            }
            return results.enumerated().map { $1 ?? FixtureResult(path: paths[$0], error: FixtureError(SourceLocation(file: paths[$0]), "not run")) }
        }
    }

    /// Runs a loaded fixture.
    public func run(_ fixture: LoadedFixture) async -> FixtureResult {
        let path = fixture.fixture.path
        var result = FixtureResult(path: path, name: fixture.fixture.name)
        var session: any FixtureSession
        do {
            session = try await backend.open(fixture)
        } catch {
            result.error = error
            return result
        }
        for (index, test) in fixture.fixture.tests.enumerated() {
            do {
                try await session.beginTest(fixture.testTuples[index].map(\.key))
                var assertions: [AssertionResult] = []
                for entry in test.checks { assertions += await run(entry, session: session) }
                for entry in test.listObjects { assertions += await run(entry, session: session) }
                for entry in test.listUsers { assertions += await run(entry, session: session) }
                try await session.endTest()
                result.tests.append(TestResult(name: test.name, description: test.description, location: test.location, assertions: assertions))
            } catch {
                result.error = error
                break
            }
        }
        await session.close()
        return result
    }

    // MARK: Assertions

    func run(_ entry: CheckEntry, session: any FixtureSession) async -> [AssertionResult] {
        var results: [AssertionResult] = []
        for user in entry.users {
            for object in entry.objects {
                for assertion in entry.assertions {
                    let request = CheckRequest(
                        object: object, relation: assertion.relation, user: user, contextualTuples: entry.contextualTuples, context: entry.context ?? [:])
                    let outcome = await session.check(request)
                    let query = AssertionResult.Query(
                        kind: .check, relation: assertion.relation, user: user, object: object, context: entry.context,
                        contextualTupleCount: entry.contextualTuples.count)
                    results.append(Self.judge(outcome, against: assertion.expectation, query: query, location: assertion.location))
                }
            }
        }
        return results
    }

    func run(_ entry: ListObjectsEntry, session: any FixtureSession) async -> [AssertionResult] {
        var results: [AssertionResult] = []
        for assertion in entry.assertions {
            let request = ListObjectsRequest(
                type: entry.type, relation: assertion.relation, user: entry.user, contextualTuples: entry.contextualTuples, context: entry.context ?? [:])
            let outcome = await session.listObjects(request)
            let query = AssertionResult.Query(
                kind: .listObjects, relation: assertion.relation, user: entry.user, type: entry.type, context: entry.context,
                contextualTupleCount: entry.contextualTuples.count)
            results.append(Self.judge(outcome, expected: assertion.expected, query: query, location: assertion.location))
        }
        return results
    }

    func run(_ entry: ListUsersEntry, session: any FixtureSession) async -> [AssertionResult] {
        var results: [AssertionResult] = []
        // fga uses the first filter only.
        let filter = entry.filters.first ?? ListUsersRequest.Filter(type: "")
        let filterText = filter.relation.map { "\(filter.type)#\($0)" } ?? filter.type
        for assertion in entry.assertions {
            let request = ListUsersQuery(
                object: entry.object, relation: assertion.relation, filter: filter, contextualTuples: entry.contextualTuples, context: entry.context ?? [:])
            let outcome = await session.listUsers(request)
            let query = AssertionResult.Query(
                kind: .listUsers, relation: assertion.relation, object: entry.object, userFilter: filterText, context: entry.context,
                contextualTupleCount: entry.contextualTuples.count)
            results.append(Self.judge(outcome, expected: assertion.expected, query: query, location: assertion.location))
        }
        return results
    }

    static func judge(_ outcome: Result<Bool, QueryError>, against expectation: CheckExpectation, query: AssertionResult.Query, location: SourceLocation)
        -> AssertionResult
    {
        let expected: AssertionResult.Value
        let passed: Bool
        switch (expectation, outcome) {
        case (.allowed(let want), .success(let got)):
            expected = .allowed(want)
            passed = want == got
        case (.allowed(let want), .failure):
            expected = .allowed(want)
            passed = false
        case (.error(let code, let message), .failure(let error)):
            expected = .error(code: code, message: message)
            passed = (code.map { $0 == error.code } ?? true) && (message.map { error.message.contains($0) } ?? true)
        case (.error(let code, let message), .success):
            expected = .error(code: code, message: message)
            passed = false
        }
        let actual: AssertionResult.Value? = if case .success(let got) = outcome { .allowed(got) } else { nil }
        let error: QueryError? = if case .failure(let failure) = outcome { failure } else { nil }
        return AssertionResult(query: query, expected: expected, actual: actual, error: error, passed: passed, location: location)
    }

    static func judge(_ outcome: Result<[String], QueryError>, expected: [String], query: AssertionResult.Query, location: SourceLocation)
        -> AssertionResult
    {
        let want = expected.sorted()
        switch outcome {
        case .success(let got):
            let sorted = got.sorted()
            return AssertionResult(query: query, expected: .list(want), actual: .list(sorted), error: nil, passed: sorted == want, location: location)
        case .failure(let error):
            return AssertionResult(query: query, expected: .list(want), actual: nil, error: error, passed: false, location: location)
        }
    }
}
