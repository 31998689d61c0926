import Foundation
import Testing
import TesseraConditions
import TesseraModel
import TesseraTestSupport

/// Drops what `fga` omits and OpenFGA's test files spell out: nulls, empty strings, empty
/// arrays and empty objects (but not the marker objects `this: {}` and `wildcard: {}`).
func normalized(_ value: JSONValue) -> JSONValue? {
    switch value {
    case .null: return nil
    case .string(let text): return text.isEmpty ? nil : value
    case .array(let elements):
        let kept = elements.compactMap(normalized)
        return kept.isEmpty ? nil : .array(kept)
    case .object(let members):
        var kept: JSONObject = [:]
        for (key, member) in members {
            if (key == "this" || key == "wildcard"), member == .object([:]) {
                kept[key] = member
            } else if let normal = normalized(member) {
                kept[key] = normal
            }
        }
        return kept.isEmpty ? nil : .object(kept)
    default: return value
    }
}

func jsonValue(_ data: Data) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: data)
}

struct ModelJSONTests {
    static let transformerCases: [String] = {
        let directory = SharedData.language.appendingPathComponent("transformer")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted()
    }()

    @Test func transformerCasesArePresent() {
        #expect(Self.transformerCases.count >= 25, "conformance data not found at \(SharedData.language.path)")
    }

    @Test(arguments: transformerCases)
    func jsonRoundTripsThroughTheAST(_ name: String) throws {
        let data = try SharedData.data("language/transformer/\(name)/authorization-model.json")
        let model = try AuthorizationModel(json: data)
        let written = model.jsonValue()
        #expect(normalized(written) == normalized(try jsonValue(data)))
        // Reading what we wrote gives the same model.
        #expect(try AuthorizationModel(jsonValue: written) == model)
    }

    @Test func readsCamelCaseSpellings() throws {
        let text = #"""
        {"schemaVersion":"1.1","typeDefinitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}},
         "can_view":{"computed_userset":{"relation":"viewer"}}},"metadata":{"relations":{"viewer":{"directlyRelatedUserTypes":[{"type":"user"}]}}}}]}
        """#
        let model = try AuthorizationModel(json: Data(text.utf8))
        let doc = try #require(model.typeDefinition(named: "doc"))
        #expect(doc.relation(named: "can_view")?.rewrite == .computedUserset(relation: "viewer"))
        #expect(doc.relation(named: "viewer")?.directlyRelatedTypes == [TypeRestriction(type: "user")])
    }

    @Test func missingSchemaVersionIsNamed() {
        #expect(throws: ModelError.self) { try AuthorizationModel(json: Data(#"{"type_definitions":[]}"#.utf8)) }
        do {
            _ = try AuthorizationModel(json: Data(#"{"type_definitions":[]}"#.utf8))
        } catch {
            #expect(error.diagnostics.first?.kind == .schemaVersionRequired)
        }
    }

    @Test func rewriteWithTwoOperatorsIsRefusedWithItsPath() throws {
        let text = #"{"schema_version":"1.1","type_definitions":[{"type":"doc","relations":{"r":{"this":{},"union":{"child":[]}}}}]}"#
        do {
            _ = try AuthorizationModel(json: Data(text.utf8))
            Issue.record("accepted an ambiguous rewrite")
        } catch {
            #expect(error.diagnostics.first?.path == "type_definitions[0].relations.r")
        }
    }

    @Test func malformedJSONIsAnError() {
        #expect(throws: ModelError.self) { try AuthorizationModel(json: Data("{".utf8)) }
        #expect(throws: ModelError.self) { try AuthorizationModel(json: Data("[]".utf8)) }
    }

    @Test func consolidatedStageModelsDecode() throws {
        let suite = try jsonValue(try SharedData.data("openfga-consolidated.json"))
        guard case .array(let tests)? = suite.objectValue?["tests"] else {
            Issue.record("no tests in suite")
            return
        }
        var count = 0
        for test in tests {
            guard case .array(let stages)? = test.objectValue?["stages"] else { continue }
            for stage in stages {
                guard let modelJSON = stage.objectValue?["model_json"], modelJSON != .null else { continue }
                let model = try AuthorizationModel(jsonValue: modelJSON)
                #expect(normalized(model.jsonValue()) == normalized(modelJSON))
                count += 1
            }
        }
        #expect(count > 130)
    }
}
