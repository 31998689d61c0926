import Foundation
import Testing
import TesseraConditions
import TesseraModel
import Yams
import TesseraTestSupport

/// `fga-mod-transformer-cases.yaml`: parsing `fga.mod` manifests.
struct ModFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var modFile: String
        var json: String?
        var errors: [(message: String, line: Int, column: Int)]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        guard let data = try? SharedData.data("language/fga-mod-transformer-cases.yaml"), let text = String(data: data, encoding: .utf8),
            let entries = (try? Yams.load(yaml: text)) as? [[String: Any]]
        else { return [] }
        return entries.compactMap { entry in
            guard let name = entry["name"] as? String, let modFile = entry["modFile"] as? String else { return nil }
            let errors = (entry["expected_errors"] as? [[String: Any]] ?? []).map { error in
                (
                    message: error["msg"] as? String ?? "", line: (error["line"] as? [String: Any])?["start"] as? Int ?? -1,
                    column: (error["column"] as? [String: Any])?["start"] as? Int ?? -1
                )
            }
            return Case(name: name, modFile: modFile, json: entry["json"] as? String, errors: errors)
        }
    }()

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 9)
    }

    @Test(arguments: cases.filter { $0.errors.isEmpty })
    func validManifestParsesWithPositions(_ testCase: Case) throws {
        let manifest = try ModFile(text: testCase.modFile)
        let expected = try jsonValue(Data(try #require(testCase.json).utf8))
        let schema = try #require(expected.objectValue?["schema"]?.objectValue)
        #expect(schema["value"] == .string(manifest.schema.value))
        #expect(schema["column"]?.objectValue?["start"] == .number(Double(manifest.schema.range.column)))
        guard case .array(let items)? = expected.objectValue?["contents"]?.objectValue?["value"] else {
            Issue.record("no contents in the expected JSON")
            return
        }
        #expect(items.count == manifest.contents.count)
        for (item, entry) in zip(items, manifest.contents) {
            #expect(item.objectValue?["value"] == .string(entry.value))
            #expect(item.objectValue?["line"]?.objectValue?["start"] == .number(Double(entry.range.line)))
            #expect(item.objectValue?["column"]?.objectValue?["start"] == .number(Double(entry.range.column)))
        }
    }

    @Test(arguments: cases.filter { !$0.errors.isEmpty })
    func invalidManifestReportsEveryError(_ testCase: Case) {
        #expect {
            _ = try ModFile(text: testCase.modFile)
        } throws: { error in
            let diagnostics = (error as? ModelError)?.diagnostics ?? []
            return testCase.errors.allSatisfy { expected in
                diagnostics.contains { $0.message == expected.message && $0.range?.line == expected.line && $0.range?.column == expected.column }
            } && diagnostics.count == testCase.errors.count
        }
    }
}

/// `transformer-module/`: module files combined into one model.
struct ModularModelTests {
    static let directories: [String] = {
        let directory = SharedData.language.appendingPathComponent("transformer-module")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    /// The module files of a case in name order, and a manifest listing them.
    static func modules(_ name: String) -> (manifest: String, modules: [String: String]) {
        let directory = SharedData.language.appendingPathComponent("transformer-module/\(name)/module")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".fga") }.sorted()
        var modules: [String: String] = [:]
        for file in files {
            modules[file] = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        let manifest = "schema: '1.2'\ncontents:\n" + files.map { "  - \($0)\n" }.joined()
        return (manifest, modules)
    }

    static func exists(_ name: String, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: SharedData.language.appendingPathComponent("transformer-module/\(name)/\(file)").path)
    }

    @Test func casesArePresent() {
        #expect(Self.directories.count >= 7)
    }

    @Test(arguments: directories.filter { exists($0, "module") && exists($0, "authorization-model.json") })
    func modulesCombineToTheExpectedJSON(_ name: String) throws {
        let (manifest, modules) = Self.modules(name)
        let model = try AuthorizationModel(modFile: manifest, modules: modules)
        let expected = try jsonValue(try SharedData.data("language/transformer-module/\(name)/authorization-model.json"))
        #expect(normalized(model.jsonValue()) == normalized(expected))
        #expect(ModularModel(modFile: manifest, modules: modules).diagnostics(level: .lint) == [])
    }

    /// `fga model transform` prints a combined model with module comments (`combined-sourceinfo.fga`).
    @Test(arguments: directories.filter { exists($0, "combined-sourceinfo.fga") })
    func combinedModelPrintsWithModuleComments(_ name: String) throws {
        let json = try SharedData.data("language/transformer-module/\(name)/authorization-model.json")
        let expected = try #require(String(data: try SharedData.data("language/transformer-module/\(name)/combined-sourceinfo.fga"), encoding: .utf8))
        #expect(try AuthorizationModel(json: json).dslText() == expected)
    }

    @Test(arguments: directories.filter { exists($0, "expected_modules.json") })
    func combinedModelNamesItsModules(_ name: String) throws {
        let model = try AuthorizationModel(json: try SharedData.data("language/transformer-module/\(name)/authorization-model.json"))
        let expected = try JSONDecoder().decode([String].self, from: try SharedData.data("language/transformer-module/\(name)/expected_modules.json"))
        #expect(model.moduleNames == expected.sorted())
    }

    struct ExpectedError: Decodable {
        struct Span: Decodable {
            var start: Int
        }

        struct Metadata: Decodable {
            var errorType: String?
        }

        var msg: String
        var file: String
        var line: Span
        var metadata: Metadata?
    }

    /// Each expected error is reported in its file on its line, with its kind when the case
    /// names one (wording of combination errors is OpenFGA's).
    @Test(arguments: directories.filter { exists($0, "expected_errors.json") })
    func invalidModulesReportEveryError(_ name: String) throws {
        let (manifest, modules) = Self.modules(name)
        let diagnostics = ModularModel(modFile: manifest, modules: modules).diagnostics(level: .lint)
        let expected = try JSONDecoder().decode([ExpectedError].self, from: try SharedData.data("language/transformer-module/\(name)/expected_errors.json"))
        #expect(!expected.isEmpty)
        for error in expected {
            let found = diagnostics.contains { diagnostic in
                diagnostic.range?.file == error.file && diagnostic.range?.line == error.line.start
                    && (error.metadata?.errorType.map { diagnostic.kind.rawValue == $0 } ?? true)
            }
            #expect(found, "\(error.file):\(error.line.start) \(error.msg) not among \(diagnostics)")
        }
    }

    /// Combining is syntax only, like transforming: it fails on files that cannot be combined
    /// (not a module, syntax errors, conflicts), not on models that fail validation.
    @Test func combiningFailsOnlyOnCombinationErrors() throws {
        let (broken, brokenModules) = Self.modules("01-module-with-errors")
        #expect(throws: ModelError.self) { try ModularModel(modFile: broken, modules: brokenModules).combined() }
        let (invalid, invalidModules) = Self.modules("03-module-with-more-errors")
        #expect(try ModularModel(modFile: invalid, modules: invalidModules).combined().typeDefinitions.isEmpty == false)
    }
}
