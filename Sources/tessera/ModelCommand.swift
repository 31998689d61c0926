import ArgumentParser

/// `tessera model`: tools for authorization models in OpenFGA's DSL and JSON forms.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Validate and convert authorization models (OpenFGA DSL, JSON, fga.mod).",
        subcommands: [ModelValidateCommand.self, ModelTransformCommand.self, ModelWriteCommand.self, ModelDiffCommand.self]
    )
}
