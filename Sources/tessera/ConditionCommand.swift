import ArgumentParser

/// `tessera condition`: tools for the condition language (OpenFGA's CEL subset).
struct ConditionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condition",
        abstract: "Work with conditions: evaluate a model's condition or an ad-hoc CEL expression.",
        subcommands: [ConditionEvalCommand.self]
    )
}
