import Testing
import TesseraFixtures

/// The fixture format itself: inline models, tuples, checks with user/users and
/// object/objects, per-test tuples, contexts, list_objects and list_users.
struct FixtureFormatTests {
    @Test func inlineModelAndTopLevelTuplesAnswerChecks() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: editor, object: doc:1}
            tests:
              - name: editors view
                check:
                  - user: user:anne
                    object: doc:1
                    assertions: {editor: true, viewer: true}
                  - user: user:bob
                    object: doc:1
                    assertions: {viewer: false}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.count == 3)
        #expect(result.failures.isEmpty)
    }

    @Test func usersAndObjectsListsExpandToOneAssertionEach() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: viewer, object: doc:1}
              - {user: user:anne, relation: viewer, object: doc:2}
              - {user: user:bob, relation: viewer, object: doc:1}
              - {user: user:bob, relation: viewer, object: doc:2}
            tests:
              - name: lists
                check:
                  - users: [user:anne, user:bob]
                    objects: [doc:1, doc:2]
                    assertions: {viewer: true, editor: false}
            """)
        #expect(result.assertions.count == 8)
        #expect(result.failures.isEmpty)
        #expect(Set(result.assertions.compactMap(\.query.user)) == ["user:anne", "user:bob"])
    }

    @Test func aCheckWithBothUserAndUsersIsRefusedWithItsLine() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: both
                check:
                  - user: user:anne
                    users: [user:bob]
                    object: doc:1
                    assertions: {viewer: false}
            """)
        let error = try #require(result.error)
        #expect(error.message.contains("cannot contain both 'user' and 'users'"))
        #expect(error.location.line == 19)
    }

    @Test func anUnknownFieldIsRefusedAsFgaRefusesIt() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tests:\n  - name: t\n    checks: []\n")
        let error = try #require(result.error)
        #expect(error.message.contains("unknown field 'checks'"))
        #expect(error.location.line == 18)
    }

    @Test func aTestsOwnTuplesApplyToThatTestOnly() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: with
                tuples:
                  - {user: user:anne, relation: viewer, object: doc:1}
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
              - name: without
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: false}}
            """)
        #expect(result.tests.map(\.passed) == [true, true])
    }

    @Test func contextReachesConditionsCombinedWithTheTuplesContext() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - user: user:anne
                relation: grant
                object: doc:1
                condition: {name: under_limit, context: {limit: 100}}
            tests:
              - name: limits
                check:
                  - {user: user:anne, object: doc:1, context: {amount: 50}, assertions: {grant: true}}
                  - {user: user:anne, object: doc:1, context: {amount: 150}, assertions: {grant: false}}
            """)
        #expect(result.assertions.count == 2)
        #expect(result.failures.isEmpty)
    }

    @Test func listObjectsAndListUsersCompareAsSets() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: member, object: group:eng}
              - {user: group:eng#member, relation: viewer, object: doc:1}
              - {user: user:anne, relation: editor, object: doc:2}
              - {user: user:bob, relation: viewer, object: doc:2}
            tests:
              - name: lists
                list_objects:
                  - user: user:anne
                    type: doc
                    assertions: {viewer: [doc:2, doc:1], editor: [doc:2]}
                list_users:
                  - object: doc:2
                    user_filter: [{type: user}]
                    assertions: {viewer: {users: [user:bob, user:anne]}}
                  - object: doc:1
                    user_filter: [{type: group, relation: member}]
                    assertions: {viewer: {users: [group:eng#member]}}
            """)
        #expect(result.error == nil)
        #expect(result.assertions.count == 4)
        #expect(result.failures.isEmpty)
    }

    @Test func aDuplicateTupleIsRefusedAsAWriteRefusesIt() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: viewer, object: doc:1}
              - {user: user:anne, relation: viewer, object: doc:1}
            tests: []
            """)
        #expect(result.error?.message.contains("duplicate tuple") == true)
        #expect(result.error?.location.line == 18)
    }

    @Test func aTupleInvalidForTheModelIsRefused() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: owner, object: doc:1}
            tests: []
            """)
        #expect(result.error != nil)
        #expect(result.error?.location.line == 17)
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", "name: x\ntests:\n  - name: [unclosed\n")
        let error = try #require(result.error)
        #expect(error.message.hasPrefix("invalid YAML"))
        #expect(error.location.line >= 3)
    }
}
