import ArgumentParser

/// The `tessera` command: server, model tools, fixture tests and store administration.
@main
struct TesseraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tessera",
        abstract: "Fine-grained authorization service, compatible with OpenFGA.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, ModelCommand.self, ConditionCommand.self, TestCommand.self, StoreCommand.self, AuditCommand.self]
    )
}
