import Testing
import TesseraFixtures
import TesseraModel

/// `.jsonl` tuple files (a Tessera extension): one JSON tuple per line, conditions
/// included; blank lines skipped; errors name the file and the line.
struct JSONLinesTupleFileTests {
    static let lines = """
        {"user": "user:anne", "relation": "viewer", "object": "doc:1"}

        {"user": "user:bob", "relation": "grant", "object": "doc:2", "condition": {"name": "under_limit", "context": {"limit": 10}}}

        """

    @Test func oneTuplePerLineWithConditions() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.jsonl", Self.lines)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.jsonl\n" + TupleFileTests.checks)
        #expect(result.error == nil)
        #expect(result.assertions.count == 3)
        #expect(result.failures.isEmpty)
    }

    @Test func eachTupleKeepsItsLine() throws {
        let tuples = try TupleFileParser.parse(Self.lines, path: "tuples.jsonl")
        #expect(tuples.map(\.location.line) == [1, 3])
        #expect(tuples.map(\.key.user) == ["user:anne", "user:bob"])
        #expect(tuples.last?.key.condition?.name == "under_limit")
    }

    @Test func windowsLineEndingsAreLineEndings() throws {
        let text = #"{"user": "user:anne", "relation": "viewer", "object": "doc:1"}"# + "\r\n"
            + #"{"user": "user:bob", "relation": "viewer", "object": "doc:2"}"# + "\r\n"
        let tuples = try TupleFileParser.parse(text, path: "tuples.jsonl")
        #expect(tuples.map(\.key.object) == ["doc:1", "doc:2"])
        #expect(tuples.map(\.location.line) == [1, 2])
    }

    @Test func aMalformedLineIsAnErrorNamingFileAndLine() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.jsonl", """
            {"user": "user:anne", "relation": "viewer", "object": "doc:1"}
            {"user": "user:bob", "relation": "viewer", "object": "doc:2"}
            {"user": "user:carl", "relation": "viewer", "object": "doc:3"

            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.jsonl\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.location.file.hasSuffix("tuples.jsonl"))
        #expect(error.location.line == 3)
        #expect(error.message.hasPrefix("invalid YAML"))
    }

    @Test func aLineThatIsNoObjectIsAnErrorAtItsLine() throws {
        let text = #"{"user": "user:anne", "relation": "viewer", "object": "doc:1"}"# + "\n" + #"["user:bob", "viewer", "doc:2"]"# + "\n"
        #expect {
            try TupleFileParser.parse(text, path: "tuples.jsonl")
        } throws: { error in
            guard let error = error as? FixtureError else { return false }
            return error.location.file == "tuples.jsonl" && error.location.line == 2 && error.message == "a tuple must be a mapping"
        }
    }

    @Test func aTupleInvalidForTheModelIsRefusedAtItsLine() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.jsonl", """
            {"user": "user:anne", "relation": "viewer", "object": "doc:1"}
            {"user": "user:anne", "relation": "owner", "object": "doc:1"}
            """)
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.jsonl\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.location.file.hasSuffix("tuples.jsonl"))
        #expect(error.location.line == 2)
    }

    @Test func aFileOfBlankLinesHoldsNoTuples() throws {
        #expect {
            try TupleFileParser.parse("\n  \n", path: "tuples.jsonl")
        } throws: { error in
            (error as? FixtureError)?.message == "the tuple file holds no tuples"
        }
    }

    @Test func anUnsupportedExtensionIsRefused() async throws {
        let folder = try FixtureFolder()
        try folder.write("tuples.txt", "user:anne viewer doc:1\n")
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + "tuple_file: tuples.txt\ntests: []\n")
        let error = try #require(result.error)
        #expect(error.message == "unsupported tuple file format '.txt' (use .yaml, .yml, .json, .jsonl or .csv)")
    }
}
