import Testing
import TesseraFixtures

/// The `contextual_tuples` extension on check, list_objects and list_users entries: the
/// tuples count for that entry's queries only, as a request's contextual tuples do.
struct ContextualTupleTests {
    /// anne is a member of no group: only a contextual membership lets her view doc:1.
    static let groupViewsDoc = inlineDocumentsModel + """
        tuples:
          - {user: group:eng#member, relation: viewer, object: doc:1}
          - {user: user:bob, relation: viewer, object: doc:2}

        """
    /// An entry's `contextual_tuples` making anne a member of group:eng.
    static let membership = "contextual_tuples: [{user: user:anne, relation: member, object: group:eng}]"

    /// Runs `tests` (a `tests:` block) over `groupViewsDoc`.
    func run(_ tests: String) async throws -> FixtureResult {
        try await FixtureFolder().run("a.fga.yaml", Self.groupViewsDoc + tests)
    }

    /// Whether anne views doc:1 (without other tuples), with one contextual tuple written on
    /// line 22 of the fixture.
    func checkViewer(contextualTuple: String) async throws -> FixtureResult {
        try await FixtureFolder().run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: t
                check:
                  - user: user:anne
                    object: doc:1
                    contextual_tuples:
                      - \(contextualTuple)
                    assertions: {viewer: true}
            """)
    }

    @Test func aCheckPassesOnlyWithItsContextualTuple() async throws {
        let result = try await run("""
            tests:
              - name: membership
                check:
                  - {user: user:anne, object: doc:1, \(Self.membership), assertions: {viewer: true}}
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.map(\.passed) == [true, false])
        #expect(result.assertions.map(\.query.contextualTupleCount) == [1, 0])
    }

    @Test func aContextualTupleDoesNotLeakIntoTheNextEntry() async throws {
        let result = try await run("""
            tests:
              - name: membership
                check:
                  - {user: user:anne, object: doc:1, \(Self.membership), assertions: {viewer: true}}
                  - {user: user:anne, object: doc:1, assertions: {viewer: false}}
              - name: next test
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: false}}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.count == 3)
        #expect(result.failures.isEmpty)
    }

    @Test func listObjectsSeesTheContextualTuple() async throws {
        let result = try await run("""
            tests:
              - name: lists
                list_objects:
                  - user: user:anne
                    type: doc
                    \(Self.membership)
                    assertions: {viewer: [doc:1]}
                  - user: user:anne
                    type: doc
                    assertions: {viewer: [doc:1]}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.map(\.passed) == [true, false])
        #expect(result.assertions.last?.actual == .list([]))
    }

    @Test func listUsersSeesTheContextualTuple() async throws {
        let result = try await run("""
            tests:
              - name: lists
                list_users:
                  - object: doc:1
                    user_filter: [{type: user}]
                    \(Self.membership)
                    assertions: {viewer: {users: [user:anne]}}
                  - object: doc:1
                    user_filter: [{type: user}]
                    assertions: {viewer: {users: [user:anne]}}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.map(\.passed) == [true, false])
        #expect(result.assertions.last?.actual == .list([]))
    }

    @Test func aContextualTupleCarriesItsCondition() async throws {
        let grant = "contextual_tuples: [{user: user:anne, relation: grant, object: doc:1, condition: {name: under_limit, context: {limit: 10}}}]"
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: conditional grant
                check:
                  - user: user:anne
                    object: doc:1
                    context: {amount: 5}
                    \(grant)
                    assertions: {grant: true}
                  - user: user:anne
                    object: doc:1
                    context: {amount: 50}
                    \(grant)
                    assertions: {grant: false}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.count == 2)
        #expect(result.failures.isEmpty)
    }

    @Test func anUnknownFieldInAContextualTupleIsRefusedAtItsLine() async throws {
        let result = try await checkViewer(contextualTuple: "{user: user:anne, relation: viewer, object: doc:1, colour: red}")
        let error = try #require(result.error)
        #expect(error.message.contains("unknown field 'colour'"))
        #expect(error.location.line == 22)
    }

    @Test func aContextualTupleInvalidForTheModelIsTheQuerysError() async throws {
        let result = try await checkViewer(contextualTuple: "{user: user:anne, relation: owner, object: doc:1}")
        #expect(result.error == nil)
        let assertion = try #require(result.assertions.first)
        #expect(!assertion.passed)
        #expect(assertion.actual == nil)
        #expect(assertion.error?.code == "invalid_tuple")
    }

    @Test func theReportCountsAnEntrysContextualTuples() async throws {
        let result = try await run("""
            tests:
              - name: membership
                check:
                  - {user: user:anne, object: doc:1, \(Self.membership), assertions: {viewer: false}}
            """)
        let text = TextReport(results: [result]).text
        #expect(text.contains("[membership] Check(user=user:anne,relation=viewer,object=doc:1,contextual_tuples=1): expected false, got true"))
    }
}
