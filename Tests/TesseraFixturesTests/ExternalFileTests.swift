import Foundation
import Testing
import TesseraFixtures

/// Files outside a fixture's folder are refused unless explicitly allowed.
struct ExternalFileTests {
    /// `outside/model.fga` and the fixture in `inside/`.
    static func folder() throws -> FixtureFolder {
        let folder = try FixtureFolder()
        try folder.write("outside/model.fga", documentsModel)
        try folder.write("outside/tuples.yaml", "- {user: user:anne, relation: viewer, object: doc:1}\n")
        return folder
    }

    static let tests = "tests:\n  - name: t\n    check:\n      - {user: user:anne, object: doc:1, assertions: {viewer: true}}\n"

    @Test func aParentPathIsRefused() async throws {
        let folder = try Self.folder()
        let result = try await folder.run("inside/a.fga.yaml", "model_file: ../outside/model.fga\n" + Self.tests)
        let error = try #require(result.error)
        #expect(error.message.contains("outside the fixture's folder"))
        #expect(error.message.contains("--allow-external-files"))
        #expect(error.location.line == 1)
    }

    @Test func anAbsolutePathIsRefused() async throws {
        let folder = try Self.folder()
        let absolute = folder.path + "/outside/tuples.yaml"
        let result = try await folder.run("inside/a.fga.yaml", inlineDocumentsModel + "tuple_file: \(absolute)\n" + Self.tests)
        #expect(result.error?.message.contains("outside the fixture's folder") == true)
    }

    @Test func aSymbolicLinkOutOfTheFolderIsRefused() async throws {
        let folder = try Self.folder()
        try FileManager.default.createDirectory(atPath: folder.path + "/inside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/inside/tuples.yaml", withDestinationPath: folder.path + "/outside/tuples.yaml")
        let result = try await folder.run("inside/a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.yaml\n" + Self.tests)
        #expect(result.error?.message.contains("outside the fixture's folder") == true)
    }

    @Test func externalFilesRunWhenAllowed() async throws {
        let folder = try Self.folder()
        let result = try await folder.run(
            "inside/a.fga.yaml", "model_file: ../outside/model.fga\ntuple_file: ../outside/tuples.yaml\n" + Self.tests, allowExternalFiles: true)
        #expect(result.error == nil)
        #expect(result.assertions.count == 1)
        #expect(result.failures.isEmpty)
    }

    @Test func aFileInASubfolderIsInside() async throws {
        let folder = try Self.folder()
        try folder.write("inside/data/tuples.yaml", "- {user: user:anne, relation: viewer, object: doc:1}\n")
        let result = try await folder.run("inside/a.fga.yaml", inlineDocumentsModel + "tuple_file: data/tuples.yaml\n" + Self.tests)
        #expect(result.error == nil)
        #expect(result.failures.isEmpty)
    }
}
