import Foundation
import Testing
import TesseraModel

/// Output that must match `fga model transform` byte for byte.
struct TransformTextTests {
    /// `fga model transform --file b.fga` (fga 0.8.2) for the DSL below.
    @Test func jsonTextIsWhatFGAPrints() throws {
        let dsl = """
            model
              schema 1.1
            type user
            type document
              relations
                define viewer: [user, user]
                define editor: viewer or viewer
            condition c(x: int) { x < 3 }
            """
        let expected = #"""
            {"schema_version":"1.1","type_definitions":[{"type":"user"},{"metadata":{"relations":{"editor":{},"viewer":{"directly_related_user_types":[{"type":"user"},{"type":"user"}]}}},"relations":{"editor":{"union":{"child":[{"computedUserset":{"relation":"viewer"}},{"computedUserset":{"relation":"viewer"}}]}},"viewer":{"this":{}}},"type":"document"}],"conditions":{"c":{"expression":"x \u003c 3 ","name":"c","parameters":{"x":{"type_name":"TYPE_NAME_INT"}}}}}
            """#
        #expect(try AuthorizationModel(dsl: dsl).transformJSONText == expected)
    }

    @Test func modelWithoutTypesPrintsNullTypesAsFGADoes() throws {
        #expect(try AuthorizationModel(dsl: "model\n  schema 1.1\n").transformJSONText == #"{"schema_version":"1.1","type_definitions":null}"#)
    }
}

struct JSONSourceLocatorTests {
    static let text = """
        {
          "schema_version": "1.1",
          "type_definitions": [
            {"type": "user"},
            {
              "type": "doc",
              "relations": {"a.b": {"this": {}}, "viewer": {"union": {"child": [{"this": {}}, {"computedUserset": {"relation": "x"}}]}}}
            }
          ]
        }
        """

    @Test func findsANestedValueByLineAndColumn() throws {
        let range = try #require(JSONSourceLocator(text: Self.text).range(of: "type_definitions[1].relations.viewer.union.child[1].computedUserset"))
        #expect(range.line == 6)
        #expect(range.column == 106)
    }

    @Test func matchesKeysThatContainDots() throws {
        let range = try #require(JSONSourceLocator(text: Self.text).range(of: "type_definitions[1].relations.a.b.this"))
        #expect(range.line == 6)
        #expect(range.column == 36)
    }

    @Test func stopsAtTheDeepestPartThatExists() throws {
        let range = try #require(JSONSourceLocator(text: Self.text).range(of: "type_definitions[1].relations.missing"))
        #expect(range.line == 6)
        #expect(range.column == 19)
    }

    @Test func findsNothingInText() {
        #expect(JSONSourceLocator(text: "not json").range(of: "type_definitions") == nil)
    }
}
