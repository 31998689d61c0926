import ArgumentParser
import Foundation
import TesseraAudit

/// `tessera audit verify`: recomputes the hash chain and names the first entry that was
/// edited, deleted or reordered.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that no audit entry was edited, deleted or reordered.",
        discussion: """
            Exit status 0 when the chain is intact (entries removed by retention pruning are \
            accounted for by the pruning anchor), 1 naming the first broken entry, 2 when the \
            log cannot be read.
            """
    )

    @Option(name: .customLong("data-dir"), help: "The data directory (default ./data).") var dataDirectory = "./data"

    func run() async throws {
        let path = AuditLog.path(dataDirectory: dataDirectory)
        let result: AuditVerification
        do {
            result = try AuditReader(path: path).verify()
        } catch {
            FileHandle.standardError.write(Data("tessera audit verify: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let problem = result.problem {
            print("audit log \(path) is NOT intact: \(problem)")
            throw ExitCode.failure
        }
        print(
            "audit log \(path) is intact: \(result.entriesChecked) entries checked, \(result.prunedCount) pruned by retention, "
                + "head \(result.lastSequence) \(result.headHash)")
    }
}
