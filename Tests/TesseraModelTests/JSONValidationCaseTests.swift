import Foundation
import Testing
import TesseraModel

/// `json-validation-cases.yaml`: JSON models the language tooling refuses.
struct JSONValidationCaseTests {
    static let cases = LanguageCase.load("json-validation-cases.yaml", sourceKey: "json")

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 5)
    }

    @Test(arguments: cases.filter { !$0.expectedErrors.isEmpty })
    func invalidModelIsRefusedWithTheExpectedKind(_ testCase: LanguageCase) throws {
        let diagnostics = ModelValidator.validate(json: Data(testCase.source.utf8), level: .lint)
        let first = try #require(testCase.expectedErrors.first)
        let kind = try #require(first.errorType)
        #expect(
            diagnostics.contains { diagnostic in
                diagnostic.kind.rawValue == kind && (first.symbol.map { diagnostic.symbol == $0 } ?? true)
            }, "\(diagnostics)")
    }

    @Test(arguments: cases.filter { $0.expectedErrors.isEmpty })
    func validModelIsAccepted(_ testCase: LanguageCase) {
        #expect(ModelValidator.validate(json: Data(testCase.source.utf8), level: .lint) == [])
        #expect(ModelValidator.validate(json: Data(testCase.source.utf8), level: .server) == [])
    }

    /// One module per file is a rule of OpenFGA's tooling (it could not write the files back);
    /// its server accepts such a model.
    @Test func severalModulesInOneFileAreALintFinding() throws {
        let testCase = try #require(Self.cases.first { $0.name == "file can only include one module" })
        #expect(ModelValidator.validate(json: Data(testCase.source.utf8), level: .server) == [])
    }
}

/// `json-syntax-transformer-validation-cases.yaml`: JSON models the DSL can or cannot express.
struct JSONToDSLCaseTests {
    static let cases = LanguageCase.load("json-syntax-transformer-validation-cases.yaml", sourceKey: "json")

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 6)
        #expect(Self.cases.contains { $0.valid == false })
    }

    @Test(arguments: cases.filter { $0.valid == false })
    func inexpressibleModelIsRefusedWithOpenFGAsMessage(_ testCase: LanguageCase) throws {
        let model = try AuthorizationModel(json: Data(testCase.source.utf8))
        let expected = try #require(testCase.errorMessage)
        #expect {
            _ = try model.dslText()
        } throws: { error in
            (error as? ModelError)?.diagnostics.map(\.message) == [expected]
        }
    }

    @Test(arguments: cases.filter { $0.valid != false })
    func expressibleModelPrintsAndReadsBack(_ testCase: LanguageCase) throws {
        let model = try AuthorizationModel(json: Data(testCase.source.utf8))
        let text = try model.dslText()
        let reread = try AuthorizationModel(dsl: text)
        // The writer moves a direct assignment to the front of its union or intersection.
        #expect(canonical(reread) == canonical(model))
        #expect(try reread.dslText() == text)
    }
}

/// The model's relations with the operands of each union and intersection in a fixed order,
/// for comparing models that differ only in that order.
func canonical(_ model: AuthorizationModel) -> [String: [String: String]] {
    var types: [String: [String: String]] = [:]
    for type in model.typeDefinitions {
        var relations: [String: String] = [:]
        for relation in type.relations {
            relations[relation.name] = canonical(relation.rewrite) + " " + relation.directlyRelatedTypes.map(\.dslText).joined(separator: ",")
        }
        types[type.name] = relations
    }
    return types
}

func canonical(_ rewrite: Rewrite) -> String {
    switch rewrite {
    case .direct: "this"
    case .computedUserset(let relation, _): relation
    case .tupleToUserset(let tupleset, let computed, _): "\(computed) from \(tupleset)"
    case .union(let children): "or(\(children.map(canonical).sorted().joined(separator: ",")))"
    case .intersection(let children): "and(\(children.map(canonical).sorted().joined(separator: ",")))"
    case .exclusion(let base, let subtract): "not(\(canonical(base)),\(canonical(subtract)))"
    }
}
