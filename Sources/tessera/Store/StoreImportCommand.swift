import ArgumentParser
import Foundation
import TesseraFixtures

/// `tessera store import FILE.fga.yaml`: creates a store with the fixture's model and its
/// tuples (`tuples`, `tuple_file`, `tuple_files`; a test's own tuples are not imported) and
/// prints the store and model ids.
struct StoreImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create a store from a .fga.yaml file: its model and its tuples.",
        discussion: """
            The file is checked as `tessera test` checks it (model by the API's rules, every tuple \
            valid under it) before anything is written. Tuples are written in batches, with a \
            progress bar on a terminal. Prints `store_id` and `model_id` lines.
            """
    )

    @Argument(help: "The .fga.yaml file.")
    var file: String

    @OptionGroup var target: StoreTargetOptions

    @Option(help: "The store's name (default: the fixture's name, else the file name).")
    var name: String?

    @Flag(help: "Allow files named by the fixture to lie outside its folder.")
    var allowExternalFiles = false

    func run() async throws {
        let fixture: LoadedFixture
        do {
            fixture = try FixtureLoader(allowExternalFiles: allowExternalFiles).load(path: file)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        guard let model = fixture.model else {
            FileHandle.standardError.write(Data("\(file): error: the file names no model (model or model_file)\n".utf8))
            throw ExitCode(2)
        }
        let storeName = name ?? (fixture.fixture.name.isEmpty ? URL(fileURLWithPath: file).lastPathComponent : fixture.fixture.name)
        let store = try target.open()
        defer { store.close() }
        do {
            let storeID = try await store.createStore(name: String(storeName.prefix(64)))
            let modelID = try await store.writeModel(storeID: storeID, model: model)
            let bar = ProgressBar(total: fixture.tuples.count)
            try await store.importTuples(storeID: storeID, fixture.tuples.map(\.key)) { bar.update($0) }
            print("store_id \(storeID)")
            print("model_id \(modelID)")
            print("tuples \(fixture.tuples.count)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
