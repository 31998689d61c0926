import Testing
import TesseraFixtures

/// `model_file` in the DSL, OpenFGA's JSON and `fga.mod` form; models judged by the API's
/// rules.
struct ModelFileTests {
    static let tests = """
        tuples:
          - {user: user:anne, relation: viewer, object: doc:1}
        tests:
          - name: t
            check:
              - {user: user:anne, object: doc:1, assertions: {viewer: true}}
              - {user: user:bob, object: doc:1, assertions: {viewer: false}}
        """

    @Test func aNameWithoutAModelSuffixIsJudgedByItsText() {
        #expect(ModelSourceFile(name: "-", text: " \n{\"schema_version\":\"1.1\"}").inferredFormat == .json)
        #expect(ModelSourceFile(name: "model.txt", text: "model\n  schema 1.1\n").inferredFormat == .fga)
        #expect(ModelSourceFile(name: "model.fga", text: "{}").inferredFormat == .fga, "a suffix decides")
        #expect(ModelSourceFile(name: "model.json", text: "model").inferredFormat == .json, "a suffix decides")
    }

    @Test func dslModelFile() async throws {
        let folder = try FixtureFolder()
        try folder.write("model.fga", documentsModel)
        let result = try await folder.run("a.fga.yaml", "model_file: model.fga\n" + Self.tests)
        #expect(result.error == nil)
        #expect(result.assertions.count == 2)
        #expect(result.failures.isEmpty)
    }

    @Test func jsonModelFile() async throws {
        let folder = try FixtureFolder()
        try folder.write("model.json", """
            {"schema_version": "1.1",
             "type_definitions": [
               {"type": "user"},
               {"type": "doc",
                "relations": {"viewer": {"this": {}}},
                "metadata": {"relations": {"viewer": {"directly_related_user_types": [{"type": "user"}]}}}}]}
            """)
        let result = try await folder.run("a.fga.yaml", "model_file: model.json\n" + Self.tests)
        #expect(result.error == nil)
        #expect(result.assertions.count == 2)
        #expect(result.failures.isEmpty)
    }

    @Test func aJSONModelFileWithAnUndefinedTypeIsRefused() async throws {
        let folder = try FixtureFolder()
        try folder.write("model.json", """
            {"schema_version": "1.1",
             "type_definitions": [
               {"type": "doc",
                "relations": {"viewer": {"this": {}}},
                "metadata": {"relations": {"viewer": {"directly_related_user_types": [{"type": "user"}]}}}}]}
            """)
        let result = try await folder.run("a.fga.yaml", "model_file: model.json\n" + Self.tests)
        let error = try #require(result.error)
        #expect(error.location.file.hasSuffix("model.json"))
        #expect(error.message.contains("the model is refused"))
    }

    @Test func modularModelFile() async throws {
        let folder = try FixtureFolder()
        try folder.write("model/fga.mod", "schema: '1.2'\ncontents:\n  - core.fga\n  - docs.fga\n")
        try folder.write("model/core.fga", "module core\n\ntype user\n")
        try folder.write("model/docs.fga", "module docs\n\ntype doc\n  relations\n    define viewer: [user]\n")
        let result = try await folder.run("a.fga.yaml", "model_file: model/fga.mod\n" + Self.tests)
        #expect(result.error == nil)
        #expect(result.failures.isEmpty)
    }

    @Test func anInlineModelErrorPointsIntoTheFixture() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", """
            name: broken
            model: |
              model
                schema 1.1
              type doc
                relations
                  define viewer: [person]
            tests: []
            """)
        let error = try #require(result.error)
        #expect(error.location.line == 7)
        #expect(error.message.contains("person"))
    }

    /// An unused condition is an error for `model validate`'s lint rules, not for a model
    /// write (nor for `fga model test`): the fixture runs.
    @Test func aModelIsJudgedByTheAPIsRulesNotLintRules() async throws {
        let folder = try FixtureFolder()
        try folder.write("model.fga", documentsModel + "\ncondition unused(a: int) {\n  a < 1\n}\n")
        let result = try await folder.run("a.fga.yaml", "model_file: model.fga\n" + Self.tests)
        #expect(result.error == nil)
        #expect(result.failures.isEmpty)
    }

    /// A type after the conditions is a syntax error (it used to hang the DSL parser).
    @Test func aTypeAfterTheConditionsIsRefused() async throws {
        let folder = try FixtureFolder()
        try folder.write("model.fga", documentsModel + "\ntype late\n  relations\n    define nobody: [user]\n")
        let result = try await folder.run("a.fga.yaml", "model_file: model.fga\n" + Self.tests)
        #expect(result.error?.message.contains("type definitions must come before the conditions") == true)
    }

    @Test func aFixtureWithoutAModelCannotRunInProcess() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", "name: none\ntests: []\n")
        #expect(result.error?.message.contains("names no model") == true)
    }
}
