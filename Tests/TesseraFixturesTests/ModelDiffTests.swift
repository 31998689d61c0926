import Foundation
import Testing
import TesseraFixtures
import TesseraModel

/// `tessera model diff`: types, relations and conditions added, removed and changed.
struct ModelDiffTests {
    @Test func addedRemovedAndChangedEntriesAreListed() throws {
        let old = try AuthorizationModel(dsl: documentsModel)
        let new = try AuthorizationModel(
            dsl: """
                model
                  schema 1.1
                type user
                type doc
                  relations
                    define editor: [user]
                    define viewer: [user] or editor
                    define owner: [user]
                    define grant: [user with under_limit]
                type folder
                condition under_limit(amount: int, limit: int) {
                  amount < limit
                }
                """)
        let lines = ModelDiff(from: old, to: new).entries.map(\.description)
        #expect(lines == ["- type group", "~ relation doc#viewer", "+ relation doc#owner", "+ type folder", "~ condition under_limit"])
    }

    /// Formatting and comments are no change.
    @Test func theSameModelReformattedHasNoDifferences() throws {
        let old = try AuthorizationModel(dsl: documentsModel)
        let new = try AuthorizationModel(dsl: "# comment\n" + documentsModel.replacingOccurrences(of: "[user, group#member]", with: "[user,  group#member]"))
        #expect(ModelDiff(from: old, to: new).entries.isEmpty)
    }
}
