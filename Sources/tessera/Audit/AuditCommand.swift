import ArgumentParser

/// `tessera audit`: reads the audit log of a data directory (also while a server runs on it).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and query the audit log (DATA_DIR/audit.sqlite).",
        subcommands: [AuditVerifyCommand.self, AuditQueryCommand.self]
    )
}
