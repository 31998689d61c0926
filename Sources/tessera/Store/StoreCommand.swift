import ArgumentParser

/// `tessera store`: store administration from the command line.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Create stores from fixture files.",
        subcommands: [StoreImportCommand.self]
    )
}
