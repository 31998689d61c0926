import Foundation
import Testing
import TesseraConditions
import TesseraModel
import TesseraTestSupport

/// The models of OpenFGA's conformance suites (`openfga-consolidated.json`,
/// `openfga-abac.json`): each stage carries a DSL `model` and its `model_json`, and OpenFGA's
/// server accepted every one.
struct ConformanceSuiteModelTests {
    struct StageModel: CustomTestStringConvertible, Sendable {
        var test: String
        var stage: Int
        var dsl: String
        var json: JSONValue
        var testDescription: String { "\(test) #\(stage)" }
    }

    /// The parts read here. The ABAC suite's contexts spell `Infinity` (Python's JSON), which
    /// only JSON5 decoding accepts.
    private struct Suite: Decodable {
        struct Test: Decodable {
            var name: String
            var stages: [Stage]
        }

        struct Stage: Decodable {
            var model: String?
            var model_json: JSONValue?
        }

        var tests: [Test]
    }

    static func stageModels(_ file: String) -> [StageModel] {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        guard let data = try? SharedData.data(file), let suite = try? decoder.decode(Suite.self, from: data) else { return [] }
        var models: [StageModel] = []
        for test in suite.tests {
            for (index, stage) in test.stages.enumerated() {
                guard let dsl = stage.model, let json = stage.model_json, json != .null else { continue }
                models.append(StageModel(test: test.name, stage: index, dsl: dsl, json: json))
            }
        }
        return models
    }

    static let consolidated = stageModels("openfga-consolidated.json")
    static let abac = stageModels("openfga-abac.json")

    @Test func suitesArePresent() {
        #expect(Self.consolidated.count >= 137)
        #expect(Self.abac.count >= 20)
    }

    @Test(arguments: consolidated + abac)
    func stageModelParsesToItsJSON(_ stage: StageModel) throws {
        let model = try AuthorizationModel(dsl: stage.dsl)
        #expect(normalized(model.jsonValue()) == normalized(stage.json))
    }

    @Test(arguments: consolidated + abac)
    func stageModelIsAcceptedAtServerLevel(_ stage: StageModel) throws {
        #expect(ModelValidator.validate(dsl: stage.dsl, level: .server) == [])
        #expect(ModelValidator.validate(try AuthorizationModel(jsonValue: stage.json), level: .server) == [])
    }
}
