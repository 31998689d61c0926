import ArgumentParser
import Foundation
import TesseraFixtures
import TesseraModel

/// `tessera model diff OLD NEW`: types, relations and conditions added (+), removed (-) or
/// changed (~); with `--store-id`, also how many stored tuples the new model would make
/// invalid (and so silently ignored by queries).
struct ModelDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List the differences between two model files.",
        discussion: """
            Each line is `+`, `-` or `~`, then `type NAME`, `relation TYPE#RELATION` or `condition \
            NAME`. With --store-id (and --data-dir or --api-url), counts the store's tuples that are \
            valid under OLD but not under NEW.
            """
    )

    @Argument(help: "The current model file.")
    var old: String

    @Argument(help: "The proposed model file.")
    var new: String

    @Option(help: "Count this store's tuples that the new model would make invalid.")
    var storeID: String?

    @OptionGroup var target: StoreTargetOptions

    func run() async throws {
        let before = try ModelFileArgument.accepted(old)
        let after = try ModelFileArgument.accepted(new)
        let diff = ModelDiff(from: before, to: after)
        if diff.entries.isEmpty { print("no differences") }
        diff.entries.forEach { print($0) }
        guard let storeID else { return }
        let store = try target.open()
        defer { store.close() }
        let oldTypes = TypeSystem(model: before)
        let newTypes = TypeSystem(model: after)
        var total = 0
        var invalidated = 0
        do {
            try await store.forEachTuple(storeID: storeID) { tuple in
                total += 1
                if oldTypes.isValidStoredTuple(tuple), !newTypes.isValidStoredTuple(tuple) { invalidated += 1 }
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        print("stored tuples \(total), invalid under the new model (ignored by queries): \(invalidated)")
    }
}

/// A model file given on the command line, accepted by the API's rules.
enum ModelFileArgument {
    static func accepted(_ name: String) throws -> AuthorizationModel {
        let source = try ModelSourceFile.read(name)
        do {
            return try source.acceptedModel()
        } catch {
            let problems = error.diagnostics.map { "\(name): error: \($0.message)" }.joined(separator: "\n")
            throw ModelCommandError(problems.isEmpty ? "\(name): error: the model is refused" : problems)
        }
    }
}
