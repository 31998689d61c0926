import Foundation
import Testing
import TesseraConditions
import TesseraModel

/// The validator's two levels and limits, one behaviour per test.
struct ModelValidatorTests {
    static func kinds(_ dsl: String, _ level: ModelValidator.Level, limits: ModelLimits = .default) -> Set<ModelDiagnostic.Kind> {
        Set(ModelValidator.validate(dsl: dsl, level: level, limits: limits).map(\.kind))
    }

    static let header = "model\n  schema 1.1\ntype user\n"

    @Test func duplicateRestrictionsAreALintFindingOnly() {
        let dsl = Self.header + "type doc\n  relations\n    define r: [user, user]\n"
        #expect(Self.kinds(dsl, .server) == [])
        #expect(Self.kinds(dsl, .lint) == [.duplicated])
    }

    @Test func repeatedOperandsAreALintFindingOnly() {
        let dsl = Self.header + "type doc\n  relations\n    define a: [user]\n    define r: a or a\n"
        #expect(Self.kinds(dsl, .server) == [])
        #expect(Self.kinds(dsl, .lint) == [.duplicated])
    }

    @Test func unusedConditionsAreALintFindingOnly() {
        let dsl = Self.header + "condition c(x: int) {\n  x < 1\n}\n"
        #expect(Self.kinds(dsl, .server) == [])
        #expect(Self.kinds(dsl, .lint) == [.conditionNotUsed])
    }

    @Test func starInNamesIsALintFindingOnly() throws {
        let json = #"{"schema_version":"1.1","type_definitions":[{"type":"us*er"}]}"#
        #expect(ModelValidator.validate(json: Data(json.utf8), level: .server) == [])
        #expect(ModelValidator.validate(json: Data(json.utf8), level: .lint).map(\.kind) == [.invalidName])
    }

    @Test func theAPIRefusesAModelWithoutTypes() {
        #expect(Self.kinds("model\n  schema 1.1\n", .server) == [.limitExceeded])
        #expect(Self.kinds("model\n  schema 1.1\n", .lint) == [])
    }

    @Test func aRelationNamingItselfIsRefusedByTheServer() {
        let dsl = Self.header + "type doc\n  relations\n    define r: [user] or r\n"
        #expect(Self.kinds(dsl, .server) == [.invalidRewrite])
    }

    @Test func computedCyclesAreRefusedEvenWithEntryPoints() {
        let dsl = Self.header + "type doc\n  relations\n    define a: [user] or b\n    define b: [user] or a\n"
        #expect(Self.kinds(dsl, .server) == [.cycle])
    }

    @Test func cyclesThroughTuplesetsAreAllowed() {
        let dsl = Self.header + "type folder\n  relations\n    define parent: [folder]\n    define viewer: [user] or viewer from parent\n"
        #expect(Self.kinds(dsl, .lint) == [])
    }

    @Test func tuplesetsMustAssignPlainTypesDirectly() {
        let wildcard = Self.header + "type folder\n  relations\n    define parent: [folder:*]\n    define viewer: [user] or viewer from parent\n"
        #expect(Self.kinds(wildcard, .server) == [.tuplesetNotDirect])
    }

    @Test func graphRulesWaitForAStructurallyValidModel() {
        let dsl = Self.header + "type doc\n  relations\n    define a: b\n    define b: a\n    define c: missing\n"
        #expect(Self.kinds(dsl, .server) == [.missingDefinition])
    }

    @Test func jsonDiagnosticsCarryPaths() throws {
        let json = #"{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"r":{"union":{"child":[{"this":{}},{"computedUserset":{"relation":"x"}}]}}},"metadata":{"relations":{"r":{"directly_related_user_types":[{"type":"nope"}]}}}}]}"#
        let diagnostics = ModelValidator.validate(json: Data(json.utf8), level: .server)
        #expect(Set(diagnostics.compactMap(\.path)) == [
            "type_definitions[1].metadata.relations.r.directly_related_user_types[0].type",
            "type_definitions[1].relations.r.union.child[1].computedUserset",
        ])
        #expect(diagnostics.allSatisfy { $0.range == nil })
    }

    @Test func typeLimitIsOpenFGAs() {
        let dsl = Self.header + (1...100).map { "type t\($0)\n" }.joined()
        #expect(Self.kinds(dsl, .server) == [.limitExceeded])
        #expect(Self.kinds(dsl, .server, limits: ModelLimits(maxTypes: 101)) == [])
    }

    @Test func sizeLimitCountsTheProtobufEncoding() throws {
        let relations = (0..<3500).map { "    define relation_with_a_long_name_\($0): [user]\n" }.joined()
        let dsl = Self.header + "type doc\n  relations\n" + relations
        let model = try AuthorizationModel(dsl: dsl)
        #expect(model.protobufSize > 256 * 1024)
        #expect(Self.kinds(dsl, .server) == [.limitExceeded])
        #expect(Self.kinds(dsl, .server, limits: ModelLimits(maxSizeBytes: model.protobufSize)) == [])
    }

    @Test func conditionLimitsAreOpenFGAs() {
        let restriction = (0..<26).map { "user with c\($0)" }.joined(separator: ", ")
        let conditions = (0..<26).map { "condition c\($0)(x: int) {\n  x < 1\n}\n" }.joined()
        let dsl = Self.header + "type doc\n  relations\n    define r: [\(restriction)]\n" + conditions
        #expect(Self.kinds(dsl, .server) == [.limitExceeded])
        let parameters = (0..<26).map { "p\($0): int" }.joined(separator: ", ")
        let wide = Self.header + "type doc\n  relations\n    define r: [user with c]\ncondition c(\(parameters)) {\n  p0 < 1\n}\n"
        #expect(Self.kinds(wide, .server) == [.limitExceeded])
        let long = Self.header + "type doc\n  relations\n    define r: [user with c]\ncondition c(x: int) {\n  " + String(repeating: "x < 1 && ", count: 60) + "true\n}\n"
        #expect(Self.kinds(long, .server) == [.limitExceeded])
    }

    @Test func schemaVersionMustBeSupported() {
        #expect(Self.kinds("model\n  schema 1.0\ntype user\n", .server) == [.invalidSchema])
        #expect(Self.kinds("model\n  schema 1.2\ntype user\n", .server) == [])
    }

    @Test func conditionNamesFollowTheAPIPattern() {
        let name = String(repeating: "c", count: 51)
        let dsl = Self.header + "type doc\n  relations\n    define r: [user with \(name)]\ncondition \(name)(x: int) {\n  x < 1\n}\n"
        #expect(Self.kinds(dsl, .server) == [.invalidName])
    }
}
