import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct OverlayTupleReaderTests {
    let stored = TupleSet([
        TupleKey(object: "doc:1", relation: "viewer", user: "user:anne", condition: RelationshipCondition(name: "stored")),
        TupleKey(object: "doc:1", relation: "viewer", user: "group:eng#member"),
        TupleKey(object: "doc:2", relation: "viewer", user: "user:anne"),
    ])

    func users(_ reader: some TupleReader, _ object: String) throws -> [String] {
        var users: [String] = []
        try reader.forEachTuple(object: object, relation: "viewer") { users.append($0.user); return true }
        return users.sorted()
    }

    @Test func contextualTupleReplacesStoredOneWithTheSameKey() throws {
        let contextual = TupleSet([TupleKey(object: "doc:1", relation: "viewer", user: "user:anne")])
        let overlay = OverlayTupleReader(contextual: contextual, base: stored)
        #expect(try overlay.tuple(object: "doc:1", relation: "viewer", user: "user:anne")?.condition == nil)
        #expect(try users(overlay, "doc:1") == ["group:eng#member", "user:anne"])
        var reverse: [String] = []
        try overlay.forEachTuple(user: "user:anne", relation: "viewer", objectType: "doc") { reverse.append($0.object); return true }
        #expect(reverse.sorted() == ["doc:1", "doc:2"])
    }

    @Test func usersetScanSeesOnlyUsersets() throws {
        var seen: [String] = []
        stored.forEachUsersetTuple(object: "doc:1", relation: "viewer") { seen.append($0.user); return true }
        #expect(seen == ["group:eng#member"])
    }

    @Test func iterationStopsWhenBodyReturnsFalse() throws {
        let overlay = OverlayTupleReader(contextual: TupleSet([TupleKey(object: "doc:1", relation: "viewer", user: "user:bob")]), base: stored)
        var count = 0
        try overlay.forEachTuple(object: "doc:1", relation: "viewer") { _ in count += 1; return false }
        #expect(count == 1)
    }

    @Test func insertingTheSameKeyReplacesTheCondition() {
        var set = TupleSet()
        set.insert(TupleKey(object: "doc:1", relation: "viewer", user: "user:anne", condition: RelationshipCondition(name: "a")))
        set.insert(TupleKey(object: "doc:1", relation: "viewer", user: "user:anne", condition: RelationshipCondition(name: "b")))
        #expect(set.count == 1)
        #expect(set.tuple(object: "doc:1", relation: "viewer", user: "user:anne")?.condition?.name == "b")
    }
}
