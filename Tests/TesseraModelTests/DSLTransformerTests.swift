import Foundation
import Testing
import TesseraConditions
import TesseraModel
import TesseraTestSupport

/// The DSL ↔ JSON pairs of `conformance/language/transformer/`.
struct DSLTransformerTests {
    static let cases = ModelJSONTests.transformerCases

    private func pair(_ name: String) throws -> (dsl: String, json: JSONValue) {
        let dsl = try #require(String(data: try SharedData.data("language/transformer/\(name)/authorization-model.fga"), encoding: .utf8))
        return (dsl, try jsonValue(try SharedData.data("language/transformer/\(name)/authorization-model.json")))
    }

    @Test(arguments: cases)
    func dslParsesToTheExpectedJSON(_ name: String) throws {
        let (dsl, json) = try pair(name)
        let model = try AuthorizationModel(dsl: dsl, file: "authorization-model.fga")
        #expect(normalized(model.jsonValue()) == normalized(json))
    }

    @Test(arguments: cases)
    func jsonRoundTripsThroughTheDSL(_ name: String) throws {
        let (_, json) = try pair(name)
        let model = try AuthorizationModel(jsonValue: json)
        let reread = try AuthorizationModel(dsl: try model.dslText())
        #expect(normalized(reread.jsonValue()) == normalized(json))
    }

    /// `fga model transform` prints exactly the `.fga` file of each pair (plus one line break).
    @Test(arguments: cases)
    func jsonPrintsAsTheDSLFile(_ name: String) throws {
        let (dsl, json) = try pair(name)
        #expect(try AuthorizationModel(jsonValue: json).dslText() == dsl)
    }

    /// The transformer data tests syntax, so a few of its models are invalid; the kinds here
    /// are what `fga model validate` refuses them for. (`11-multiple-conditions` fails only
    /// there, on its CEL expression, which this module does not compile; `00-only-schema` has
    /// no types, which `fga model validate` accepts but OpenFGA's API refuses.)
    static let invalid: [String: (lint: Set<ModelDiagnostic.Kind>, server: Set<ModelDiagnostic.Kind>)] = [
        "00-only-schema": ([], [.limitExceeded]),
        "14-mixed-operators": ([.tuplesetNotDirect], [.tuplesetNotDirect]),
        "15-mixed-operators-with-direct-assignments-once-beginning-of-line": (
            [.invalidRelationType, .conditionNotDefined], [.invalidRelationType, .conditionNotDefined]
        ),
    ]

    @Test(arguments: cases)
    func validationAgreesWithOpenFGA(_ name: String) throws {
        let (dsl, _) = try pair(name)
        let expected = Self.invalid[name] ?? ([], [])
        #expect(Set(ModelValidator.validate(dsl: dsl, level: .lint).map(\.kind)) == expected.lint)
        #expect(Set(ModelValidator.validate(dsl: dsl, level: .server).map(\.kind)) == expected.server)
    }

    /// `size_kb` as `fga model validate` reports it for each JSON file (its protobuf size / 1024,
    /// rounded to hundredths).
    static let sizeInKiB: [String: Double] = [
        "00-only-schema": 0, "01-only-type": 0.01, "02-type-single-relation": 0.05, "03-simple-computed-userset": 0.09,
        "04-type-single-relation-public-userset-restrictions": 0.07, "05-simple-union": 0.13, "06-simple-intersection": 0.11,
        "07-simple-exclusion": 0.14, "08-tuple-to-userset": 0.12, "09-multiple-types": 0.15,
        "10-multiple-types-with-one-empty-type": 0.11, "100-ip-based-access": 0.44, "101-temporal-access": 0.23,
        "102-conditions-data-types": 1.5, "11-multiple-conditions": 0.76, "12-condition-with-less-than": 0.11,
        "13-condition-with-brackets": 0.12, "14-mixed-operators": 0.93,
        "15-mixed-operators-with-direct-assignments-once-beginning-of-line": 0.46, "90-github": 0.82, "91-gdrive": 0.68,
        "92-expenses": 0.24, "93-slack": 0.45, "94-iot": 0.5, "95-entitlements": 0.33, "96-custom-roles": 1.58,
        "97-advanced-entitlements": 0.81, "98-banking": 0.86, "99-groups-resources-attributes": 0.53,
    ]

    @Test(arguments: cases)
    func protobufSizeMatchesOpenFGA(_ name: String) throws {
        let (_, json) = try pair(name)
        let size = try AuthorizationModel(jsonValue: json).protobufSize
        let expected = try #require(Self.sizeInKiB[name])
        #expect((Double(size) / 1024 * 100).rounded() / 100 == expected, "\(size) bytes")
    }
}
