import Testing
import TesseraFixtures

/// Files, directories (recursively) and glob patterns on the command line.
struct FixturePathsTests {
    @Test func directoriesAreSearchedRecursivelyForFixtures() throws {
        let folder = try FixtureFolder()
        try folder.write("a.fga.yaml", "")
        try folder.write("sub/b.fga.yaml", "")
        try folder.write("sub/notes.yaml", "")
        try folder.write(".hidden/c.fga.yaml", "")
        let files = try FixturePaths.expand([folder.path])
        #expect(files == [folder.path + "/a.fga.yaml", folder.path + "/sub/b.fga.yaml"])
    }

    @Test func globsExpandSorted() throws {
        let folder = try FixtureFolder()
        try folder.write("b.fga.yaml", "")
        try folder.write("a.fga.yaml", "")
        try folder.write("a.txt", "")
        #expect(try FixturePaths.expand([folder.path + "/*.fga.yaml"]) == [folder.path + "/a.fga.yaml", folder.path + "/b.fga.yaml"])
    }

    @Test func aMissingPathIsAnError() throws {
        #expect(throws: FixtureError.self) { try FixturePaths.expand(["/no/such/fixture.fga.yaml"]) }
    }

    @Test func aDirectoryWithoutFixturesIsAnError() throws {
        let folder = try FixtureFolder()
        try folder.write("notes.yaml", "")
        #expect(throws: FixtureError.self) { try FixturePaths.expand([folder.path]) }
    }

    @Test func runningNoPathsGivesNoResults() async {
        #expect(await FixtureRunner().run(paths: [], concurrency: 4).isEmpty)
    }

    @Test func aFileNamedTwiceRunsOnce() throws {
        let folder = try FixtureFolder()
        let file = try folder.write("a.fga.yaml", "")
        #expect(try FixturePaths.expand([file, folder.path]) == [file])
    }
}
