import ArgumentParser
import Foundation
import TesseraFixtures

/// `tessera test PATH...`: runs `.fga.yaml` fixture files (the format of `fga model test`)
/// with the engine in process, or against a server with `--api-url`.
///
/// Exit status: 0 when every assertion passes, 1 when one fails, 2 when a file cannot be
/// read, parsed or run (the report names its line).
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run .fga.yaml fixture tests (fga model test's format) with the engine in process.",
        discussion: """
            PATH is a fixture file, a directory (searched recursively for *.fga.yaml) or a glob \
            pattern. Models are accepted by the API's rules, as a model write accepts them. \
            model_file, tuple_file and tuple_files must stay inside the fixture's folder unless \
            --allow-external-files is given.

            Output: the summary lines of `fga model test`, then every failing assertion with its \
            file, line, test, query, expected and actual values (--verbose: passing ones too). \
            --format json and --format junit print machine-readable reports instead. Exit status \
            1 when an assertion fails, 2 when a file cannot be read, parsed or run.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit
    }

    @Argument(help: "Fixture files, directories or glob patterns.")
    var paths: [String]

    @Flag(help: "Allow files named by a fixture to lie outside its folder. Only for fixtures you trust.")
    var allowExternalFiles = false

    @Flag(help: "List passing assertions too.")
    var verbose = false

    @Option(help: "The report format: text, json or junit.")
    var format: Format = .text

    @Option(name: .customLong("output"), help: "Write the report to this file instead of standard output.")
    var outputPath: String?

    @Flag(help: "Report which relations and rewrite branches the assertions exercised, per model.")
    var coverage = false

    @Option(help: "Run against this server (Tessera or OpenFGA) instead of in process.")
    var apiURL: String?

    @Option(help: "With --api-url: use this store (it must hold no tuples) instead of a new store per file.")
    var storeID: String?

    @Option(help: "With --api-url: a bearer token (preshared key or access token).")
    var apiToken: String?

    @Option(help: "How many files to run at once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if storeID != nil, apiURL == nil { throw ValidationError("--store-id needs --api-url") }
        if apiToken != nil, apiURL == nil { throw ValidationError("--api-token needs --api-url") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let files: [String]
        do {
            files = try FixturePaths.expand(paths)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let loader = FixtureLoader(allowExternalFiles: allowExternalFiles)
        let backend: any FixtureBackend =
            if let apiURL {
                RemoteBackend(client: OpenFGAClient(baseURL: apiURL, token: apiToken), storeID: storeID)
            } else {
                LocalBackend()
            }
        // One store for all files: they run one after another.
        let concurrency = storeID == nil ? jobs : 1
        let results = await FixtureRunner(backend: backend, loader: loader).run(paths: files, concurrency: concurrency)
        let coverageReport = coverage ? Self.coverage(of: files, loader: loader) : nil

        let report: String
        switch format {
        case .text:
            report = TextReport(results: results, verbose: verbose).text
                + (coverageReport.map { "# Coverage #\n" + $0.map(\.text).joined(separator: "\n") + "\n" } ?? "")
        case .json:
            report = JSONReport(results: results, coverage: coverageReport).text
        case .junit:
            report = JUnitReport(results: results).text
        }
        if let outputPath {
            do {
                try Data(report.utf8).write(to: URL(fileURLWithPath: outputPath))
            } catch {
                FileHandle.standardError.write(Data("\(outputPath): error: cannot write the report: \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
            // The summary still reaches the terminal (or CI log).
            if format != .text { print(TextReport(results: results).text, terminator: "") }
        } else {
            print(report, terminator: "")
        }

        let counts = ResultCounts(results)
        if counts.errors > 0 { throw ExitCode(2) }
        if !counts.allPassed { throw ExitCode(1) }
    }

    /// The coverage of the fixtures that load (those that do not are reported as errors
    /// already).
    static func coverage(of files: [String], loader: FixtureLoader) -> [ModelCoverage] {
        var analyzer = CoverageAnalyzer()
        for file in files {
            if let fixture = try? loader.load(path: file) { analyzer.add(fixture) }
        }
        return analyzer.coverage
    }
}
