import ArgumentParser
import Foundation
import TesseraFixtures
import TesseraModel

/// `tessera model transform`: converts a model between the DSL and JSON, syntax only, as
/// `fga model transform` does.
struct ModelTransformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Convert a model between OpenFGA's DSL and JSON (syntax only, as fga model transform).",
        discussion: """
            Converts models that would fail validation (no types, undefined conditions) and \
            leaves judging them to `tessera model validate`. The output is byte for byte what \
            `fga model transform` prints. An fga.mod manifest converts to JSON.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case fga, json, mod
    }

    @Option(help: "Input format (default: from the file name; .json is JSON, .mod an fga.mod manifest).")
    var from: Format?

    @Option(help: "Output format (default: the other form).")
    var to: Format?

    @Argument(help: "The model file; - reads standard input.")
    var file: String

    func validate() throws {
        if to == .mod { throw ValidationError("--to mod is not supported: write module files by hand") }
    }

    func run() async throws {
        do {
            print(try transformed())
        } catch {
            print(error.description)
            throw ExitCode.failure
        }
    }

    func transformed() throws(ModelCommandError) -> String {
        let source = try ModelSourceFile.read(file)
        let input = from ?? Format(rawValue: source.inferredFormat.rawValue) ?? .fga
        let output = to ?? (input == .json ? .fga : .json)
        var printer = DiagnosticPrinter()
        printer.addSource(source.text, named: file)
        let model: AuthorizationModel
        do {
            switch input {
            case .fga:
                model = try AuthorizationModel(dsl: source.text, file: file)
            case .json:
                model = try AuthorizationModel(json: Data(source.text.utf8))
            case .mod:
                let modular = ModularModel(modFile: source.text, named: file, directory: source.directory)
                for (name, text) in modular.sources { printer.addSource(text, named: name, shownAs: source.shownName(ofModule: name)) }
                model = try modular.combined()
            }
            return output == .json ? model.transformJSONText : try model.dslText()
        } catch {
            let json = input == .json ? JSONSourceLocator(text: source.text) : nil
            throw ModelCommandError(error.diagnostics.map { printer.format($0, file: file, json: json) }.joined(separator: "\n"))
        }
    }
}
