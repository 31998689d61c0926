import ArgumentParser
import Foundation
import TesseraFixtures
import TesseraModel

/// `tessera model validate FILE...`: checks models with the server's rules and those of
/// OpenFGA's language tooling.
struct ModelValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check models: syntax, OpenFGA's server rules and its language tooling's rules.",
        discussion: """
            Each FILE is a DSL model (.fga), a JSON model (.json) or an fga.mod manifest. Problems \
            print as FILE:LINE:COL: error: message, with the source line and a caret. The exit \
            status is 1 when any file has a problem, 0 otherwise.
            """
    )

    @Argument(help: "Model files (.fga, .json, fga.mod); - reads DSL from standard input.")
    var files: [String]

    func run() async throws {
        var failed = false
        for name in files {
            do {
                let problems = try Self.problems(in: name)
                if !problems.isEmpty {
                    failed = true
                    print(problems.joined(separator: "\n"))
                }
            } catch {
                failed = true
                print(error.description)
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The printed diagnostics of one file.
    static func problems(in name: String) throws(ModelCommandError) -> [String] {
        let source = try ModelSourceFile.read(name)
        var printer = DiagnosticPrinter()
        printer.addSource(source.text, named: name)
        switch source.inferredFormat {
        case .fga:
            return ModelValidator.validate(dsl: source.text, file: name, level: .lint).map { printer.format($0, file: name) }
        case .json:
            let locator = JSONSourceLocator(text: source.text)
            return ModelValidator.validate(json: Data(source.text.utf8), level: .lint).map { printer.format($0, file: name, json: locator) }
        case .mod:
            let modular = ModularModel(modFile: source.text, named: name, directory: source.directory)
            for (file, text) in modular.sources { printer.addSource(text, named: file, shownAs: source.shownName(ofModule: file)) }
            return modular.diagnostics(level: .lint).map { printer.format($0, file: name) }
        }
    }
}
