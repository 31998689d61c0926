import ArgumentParser
import Foundation
import TesseraFixtures

/// `tessera model write --store-id ID FILE`: loads a schema file as the store's new model.
struct ModelWriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write a model file (DSL, JSON or fga.mod) as a store's new model; prints its id.",
        discussion: "The model is checked by the API's rules first, as the server checks a model write."
    )

    @Option(help: "The store.")
    var storeID: String

    @Argument(help: "The model file: .fga (DSL), .json, or fga.mod.")
    var file: String

    @OptionGroup var target: StoreTargetOptions

    func run() async throws {
        let model = try ModelFileArgument.accepted(file)
        let store = try target.open()
        defer { store.close() }
        do {
            print(try await store.writeModel(storeID: storeID, model: model))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
