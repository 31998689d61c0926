import Foundation
import TesseraFixtures

/// A temporary folder of fixture files for one test, removed when the test ends.
final class FixtureFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tessera-fixtures-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` (which may include subfolders); returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes the fixture and runs it in process.
    func run(_ name: String, _ text: String, allowExternalFiles: Bool = false) async throws -> FixtureResult {
        let file = try write(name, text)
        return await FixtureRunner(loader: FixtureLoader(allowExternalFiles: allowExternalFiles)).run(path: file)
    }
}

/// A small model most tests share: users, groups with members, documents with viewers
/// (direct, through a group, or through an editor) and a condition on a grant.
let documentsModel = """
    model
      schema 1.1
    type user
    type group
      relations
        define member: [user]
    type doc
      relations
        define editor: [user]
        define viewer: [user, group#member] or editor
        define grant: [user with under_limit]
    condition under_limit(amount: int, limit: int) {
      amount <= limit
    }
    """

/// `documentsModel` as a fixture's `model: |` block.
let inlineDocumentsModel = "model: |\n" + documentsModel.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"

extension FixtureResult {
    var assertions: [AssertionResult] { tests.flatMap(\.assertions) }
    var failures: [AssertionResult] { assertions.filter { !$0.passed } }
}
