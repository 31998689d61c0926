import Testing
import TesseraFixtures
import TesseraModel

/// `--coverage`: relations and rewrite branches the assertions exercised.
struct CoverageTests {
    @Test func branchesNoAssertionReachesAreListed() async throws {
        let folder = try FixtureFolder()
        let path = try folder.write("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: editor, object: doc:1}
            tests:
              - name: t
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
            """)
        var analyzer = CoverageAnalyzer()
        analyzer.add(try FixtureLoader().load(path: path))
        let coverage = try #require(analyzer.coverage.first)
        let viewer = try #require(coverage.relations.first { $0.key.type == "doc" && $0.key.relation == "viewer" })
        let editor = try #require(coverage.relations.first { $0.key.type == "doc" && $0.key.relation == "editor" })
        let grant = try #require(coverage.relations.first { $0.key.type == "doc" && $0.key.relation == "grant" })
        #expect(viewer.asserted == 1)
        // Only the editor branch granted; the direct [user, group#member] one never held.
        #expect(viewer.branches.count(where: \.exercised) == 1)
        #expect(viewer.branches.count > 1)
        #expect(editor.exercised)
        #expect(!grant.exercised)
        #expect(coverage.text.contains("doc#grant  (relation never exercised)"))
    }
}
