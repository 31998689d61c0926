import Foundation
import Testing
import TesseraConditions
import TesseraModel

/// The DSL writer, one behaviour per test.
struct DSLWriterTests {
    static func model(_ rewrite: Rewrite, types: [TypeRestriction] = [TypeRestriction(type: "user")]) -> AuthorizationModel {
        AuthorizationModel(typeDefinitions: [
            TypeDefinition(name: "user"),
            TypeDefinition(name: "doc", relations: [
                RelationDefinition(name: "a", rewrite: .direct(), directlyRelatedTypes: [TypeRestriction(type: "user")]),
                RelationDefinition(name: "r", rewrite: rewrite, directlyRelatedTypes: types),
            ]),
        ])
    }

    static func relationLine(_ model: AuthorizationModel) throws -> String? {
        try model.dslText().split(separator: "\n").first { $0.hasPrefix("    define r:") }.map(String.init)
    }

    @Test func directAssignmentMovesToTheFrontOfItsOperator() throws {
        let model = Self.model(.intersection([.computedUserset(relation: "a"), .direct()]))
        #expect(try Self.relationLine(model) == "    define r: [user] and a")
    }

    @Test func nestedOperatorsArePrintedInParentheses() throws {
        let model = Self.model(.union([.computedUserset(relation: "a"), .exclusion(base: .computedUserset(relation: "a"), subtract: .tupleToUserset(tupleset: "a", computedRelation: "b"))]), types: [])
        #expect(try Self.relationLine(model) == "    define r: a or (a but not b from a)")
    }

    @Test func directAssignmentThatCannotComeFirstIsRefused() {
        let model = Self.model(.exclusion(base: .computedUserset(relation: "a"), subtract: .direct()))
        #expect(throws: ModelError.self) { try model.dslText() }
    }

    @Test func directAssignmentWithoutTypesIsRefused() {
        #expect(throws: ModelError.self) { try Self.model(.direct(), types: []).dslText() }
    }

    @Test func namesTheDSLCannotSpellAreRefused() {
        for name in ["two words", "define", "1st", "a:b"] {
            let model = AuthorizationModel(typeDefinitions: [TypeDefinition(name: name)])
            #expect(throws: ModelError.self, "type \(name)") { try model.dslText() }
        }
    }

    @Test func conditionsTheDSLCannotSpellAreRefused() {
        let unusable: [ConditionDefinition] = [
            ConditionDefinition(name: "c", expression: "x", parameters: [ConditionParameter(name: "x", type: .any)]),
            ConditionDefinition(name: "c", expression: "x", parameters: [ConditionParameter(name: "x", type: .list(.list(.int)))]),
            ConditionDefinition(name: "c", expression: "true", parameters: []),
            ConditionDefinition(name: "c", expression: #"{"a": x}["a"] == 1"#, parameters: [ConditionParameter(name: "x", type: .int)]),
            ConditionDefinition(name: "c", expression: "x", parameters: [ConditionParameter(name: "string", type: .int)]),
            ConditionDefinition(name: "c", expression: #"x == " #""#, parameters: [ConditionParameter(name: "x", type: .string)]),
        ]
        for condition in unusable {
            let model = AuthorizationModel(typeDefinitions: [TypeDefinition(name: "user")], conditions: [condition])
            #expect(throws: ModelError.self, "\(condition)") { try model.dslText() }
        }
    }

    @Test func conditionsPrintAfterTypesSortedByName() throws {
        let parameter = [ConditionParameter(name: "x", type: .int)]
        let model = AuthorizationModel(
            typeDefinitions: [TypeDefinition(name: "user")],
            conditions: [ConditionDefinition(name: "b", expression: "x < 2", parameters: parameter), ConditionDefinition(name: "a", expression: "x < 1", parameters: parameter)])
        #expect(try model.dslText() == "model\n  schema 1.1\n\ntype user\n\ncondition a(x: int) {\n  x < 1\n}\n\ncondition b(x: int) {\n  x < 2\n}\n")
    }

    /// The DSL drops spaces at line ends; an expression that loses only those still prints.
    @Test func expressionsLosingOnlyLineEndSpacesPrint() throws {
        let condition = ConditionDefinition(name: "c", expression: "x < 1  \n  && x > 0", parameters: [ConditionParameter(name: "x", type: .int)])
        let model = AuthorizationModel(typeDefinitions: [TypeDefinition(name: "user")], conditions: [condition])
        let reread = try AuthorizationModel(dsl: try model.dslText())
        #expect(reread.condition(named: "c")?.expression == "x < 1\n  && x > 0")
    }
}
