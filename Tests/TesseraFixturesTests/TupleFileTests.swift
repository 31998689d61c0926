import Testing
import TesseraFixtures

/// `tuple_file` and `tuple_files` in YAML, JSON and CSV (with conditions), and a test's own
/// `tuple_file` (YAML or JSON lines).
struct TupleFileTests {
    static let checks = """
        tests:
          - name: reads
            check:
              - {user: user:anne, object: doc:1, assertions: {viewer: true}}
              - {user: user:bob, object: doc:2, context: {amount: 5}, assertions: {grant: true}}
              - {user: user:bob, object: doc:2, context: {amount: 50}, assertions: {grant: false}}
        """

    @Test func yamlTupleFile() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.yaml", """
            - {user: user:anne, relation: viewer, object: doc:1}
            - user: user:bob
              relation: grant
              object: doc:2
              condition: {name: under_limit, context: {limit: 10}}
            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.yaml\n" + Self.checks)
        #expect(result.error == nil)
        #expect(result.assertions.count == 3)
        #expect(result.failures.isEmpty)
    }

    @Test func jsonTupleFile() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.json", """
            [{"user": "user:anne", "relation": "viewer", "object": "doc:1"},
             {"user": "user:bob", "relation": "grant", "object": "doc:2",
              "condition": {"name": "under_limit", "context": {"limit": 10}}}]
            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_files: [tuples.json]\n" + Self.checks)
        #expect(result.error == nil)
        #expect(result.failures.isEmpty)
    }

    @Test func csvTupleFileWithConditionsAndQuotedContext() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.csv", """
            user_type,user_id,user_relation,relation,object_type,object_id,condition_name,condition_context
            user,anne,,viewer,doc,1,,
            user,bob,,grant,doc,2,under_limit,"{""limit"": 10}"

            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.csv\n" + Self.checks)
        #expect(result.error == nil)
        #expect(result.assertions.count == 3)
        #expect(result.failures.isEmpty)
    }

    @Test func csvUsersetTuple() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.csv", """
            user_type,user_id,user_relation,relation,object_type,object_id
            user,anne,,member,group,eng
            group,eng,member,viewer,doc,1
            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuple_file: tuples.csv
            tests:
              - name: t
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
            """)
        #expect(result.error == nil)
        #expect(result.failures.isEmpty)
        #expect(result.assertions.count == 1)
    }

    @Test func csvWithAnUnknownHeaderIsRefusedAtItsLine() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.csv", "user_type,user_id,relation,object_type,object_id,colour\nuser,anne,viewer,doc,1,red\n")
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.csv\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.location.file.hasSuffix("tuples.csv"))
        #expect(error.location.line == 1)
        #expect(error.message.contains("invalid header 'colour'"))
    }

    @Test func csvContextThatIsNotAJSONObjectIsRefusedAtItsRow() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.csv", "user_type,user_id,relation,object_type,object_id,condition_name,condition_context\nuser,bob,grant,doc,2,under_limit,[1]\n")
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.csv\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.location.line == 2)
        #expect(error.message.contains("condition_context is not a JSON object"))
    }

    @Test(arguments: [
        ("extra.yaml", "- {user: user:anne, relation: viewer, object: doc:1}\n"),
        ("extra.jsonl", #"{"user": "user:anne", "relation": "viewer", "object": "doc:1"}"# + "\n"),
    ])
    func aTestsOwnTupleFileAppliesToThatTestOnly(file: String, text: String) async throws {
        let folder = try FixtureFolder()
        try folder.write(file, text)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: with
                tuple_file: \(file)
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
              - name: without
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: false}}
            """)
        #expect(result.error == nil)
        #expect(result.tests.map(\.passed) == [true, true])
    }

    @Test func aMissingTupleFileIsAnErrorAtTheReference() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: nowhere.yaml\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.location.line == 16)
        #expect(error.message.contains("no such file"))
    }
}
