import Foundation
import Testing
import TesseraConditions
import TesseraModel
import TesseraStore

/// The engine's read protocol on an LMDB snapshot.
struct SnapshotTests {
    static let tuples = [
        tuple("doc:1", "viewer", "user:anne", condition: RelationshipCondition(name: "in_office", context: ["ip": .string("10.0.0.1")])),
        tuple("doc:1", "viewer", "user:bob"),
        tuple("doc:1", "viewer", "user:*"),
        tuple("doc:1", "viewer", "group:eng#member"),
        tuple("doc:1", "viewer", "group:ops#member"),
        tuple("doc:1", "editor", "user:carl"),
        tuple("doc:2", "viewer", "user:anne"),
        tuple("folder:1", "viewer", "user:anne"),
    ]

    func withSnapshot<T>(_ body: (LMDBSnapshot) throws -> T) async throws -> T {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, Self.tuples)
            return try datastore.withSnapshot(storeID: storeID) { try body($0) }
        }
    }

    @Test func pointLookupReturnsTheTupleWithItsCondition() async throws {
        let found = try await withSnapshot { try $0.tuple(object: "doc:1", relation: "viewer", user: "user:anne") }
        #expect(found == Self.tuples[0])
    }

    @Test func pointLookupOfAWildcardIsExact() async throws {
        let found = try await withSnapshot { snapshot in
            (try snapshot.tuple(object: "doc:1", relation: "viewer", user: "user:*"), try snapshot.tuple(object: "doc:2", relation: "viewer", user: "user:*"))
        }
        #expect(found.0 == tuple("doc:1", "viewer", "user:*"))
        #expect(found.1 == nil)
    }

    @Test func pointLookupOfUnknownIdentifiersIsNil() async throws {
        let found = try await withSnapshot { try $0.tuple(object: "doc:404", relation: "viewer", user: "user:nobody") }
        #expect(found == nil)
    }

    @Test func usersetScanReturnsOnlyUsersets() async throws {
        let users = try await withSnapshot { snapshot in
            var users: [String] = []
            try snapshot.forEachUsersetTuple(object: "doc:1", relation: "viewer") { users.append($0.user); return true }
            return users
        }
        #expect(Set(users) == ["group:eng#member", "group:ops#member"])
        #expect(users.count == 2)
    }

    @Test func forwardScanReturnsEveryUserOfTheRelation() async throws {
        let found = try await withSnapshot { snapshot in
            var found: [TupleKey] = []
            try snapshot.forEachTuple(object: "doc:1", relation: "viewer") { found.append($0); return true }
            return found
        }
        #expect(Set(found) == Set(Self.tuples.filter { $0.object == "doc:1" && $0.relation == "viewer" }))
        #expect(found.count == 5)
    }

    @Test func reverseScanReturnsObjectsOfTheType() async throws {
        let found = try await withSnapshot { snapshot in
            var found: [TupleKey] = []
            try snapshot.forEachTuple(user: "user:anne", relation: "viewer", objectType: "doc") { found.append($0); return true }
            return found
        }
        #expect(Set(found) == [Self.tuples[0], tuple("doc:2", "viewer", "user:anne")])
    }

    @Test func scansStopWhenTheBodyReturnsFalse() async throws {
        let count = try await withSnapshot { snapshot in
            var count = 0
            try snapshot.forEachTuple(object: "doc:1", relation: "viewer") { _ in count += 1; return false }
            try snapshot.forEachTuple(user: "user:anne", relation: "viewer", objectType: "doc") { _ in count += 1; return false }
            return count
        }
        #expect(count == 2)
    }

    @Test func nestedScansInOneSnapshotAreIndependent() async throws {
        let pairs = try await withSnapshot { snapshot in
            var pairs = 0
            try snapshot.forEachTuple(object: "doc:1", relation: "viewer") { outer in
                try snapshot.forEachTuple(user: outer.user, relation: "viewer", objectType: "doc") { _ in pairs += 1; return true }
                return true
            }
            return pairs
        }
        // anne: doc:1, doc:2; bob, *, eng, ops: doc:1 each.
        #expect(pairs == 6)
    }

    @Test func contextualTuplesOverlayASnapshot() async throws {
        let result = try await withSnapshot { snapshot in
            let contextual = TupleSet([tuple("doc:1", "viewer", "user:anne"), tuple("doc:3", "viewer", "user:dan")])
            let overlay = OverlayTupleReader(contextual: contextual, base: snapshot)
            var viewers: [TupleKey] = []
            try overlay.forEachTuple(object: "doc:1", relation: "viewer") { viewers.append($0); return true }
            return (try overlay.tuple(object: "doc:1", relation: "viewer", user: "user:anne"), viewers, try overlay.tuple(object: "doc:3", relation: "viewer", user: "user:dan"))
        }
        #expect(result.0 == tuple("doc:1", "viewer", "user:anne"))
        #expect(result.1.filter { $0.user == "user:anne" } == [tuple("doc:1", "viewer", "user:anne")])
        #expect(result.1.count == 5)
        #expect(result.2 == tuple("doc:3", "viewer", "user:dan"))
    }

    @Test func aSnapshotDoesNotSeeLaterWrites() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let escaped = try datastore.withSnapshot(storeID: storeID) { snapshot in snapshot }
            // A snapshot used after its body is refused, not read from a recycled transaction.
            #expect(throws: StoreError.self) { try escaped.tuple(object: "doc:1", relation: "viewer", user: "user:anne") }
        }
    }

    @Test func snapshotTokenIsTheLatestRevision() async throws {
        try await withStore { datastore, storeID in
            let written = try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let seen = try datastore.withSnapshot(storeID: storeID) { try $0.token() }
            #expect(seen == written)
        }
    }
}

struct ConsistencyTokenTests {
    @Test func tokenRoundTripsThroughItsTextForm() async throws {
        try await withStore { datastore, storeID in
            let token = try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            #expect(try ConsistencyToken(encoded: token.encoded) == token)
        }
    }

    @Test(arguments: ["", "zz", "AAAA", String(repeating: "A", count: 100), "not-a-token!"])
    func malformedTokensAreRefused(text: String) {
        #expect(throws: StoreError(.invalidConsistencyToken, "")) { try ConsistencyToken(encoded: text) }
    }

    @Test func aWrittenTokenIsSatisfiedBySnapshots() async throws {
        try await withStore { datastore, storeID in
            let token = try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let found = try datastore.withSnapshot(storeID: storeID, atLeast: token) { snapshot in
                try snapshot.tuple(object: "doc:1", relation: "viewer", user: "user:anne")
            }
            #expect(found != nil)
        }
    }

    @Test func tokenFromAnotherEpochIsRefused() async throws {
        let foreign = try await withStore { datastore, storeID in try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")]) }
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            #expect(throws: StoreError(.invalidConsistencyToken, "")) { try datastore.withSnapshot(storeID: storeID, atLeast: foreign) { _ in } }
        }
    }

    @Test func tokenFromTheFutureIsRefused() async throws {
        try await withStore { datastore, storeID in
            let token = try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            // Same epoch, a revision not yet committed.
            let future = try forged(token, revision: token.revision + 1000)
            #expect(throws: StoreError(.invalidConsistencyToken, "")) { try datastore.withSnapshot(storeID: storeID, atLeast: future) { _ in } }
        }
    }

    /// The text form is version · epoch · revision (big-endian), base64url.
    func forged(_ token: ConsistencyToken, revision: UInt64) throws -> ConsistencyToken {
        var bytes: [UInt8] = [1] + token.epoch
        withUnsafeBytes(of: revision.bigEndian) { bytes += $0 }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return try ConsistencyToken(encoded: text)
    }

    @Test func relaxedDurabilityRotatesTheEpochOnReopen() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = DatastoreOptions()
        options.sync = .noSync
        let first = try LMDBDatastore(path: path, options: options)
        let before = try first.currentToken()
        first.close()
        let second = try LMDBDatastore(path: path, options: options)
        defer { second.close() }
        #expect(try second.currentToken().epoch != before.epoch)
    }

    @Test func fullDurabilityKeepsTheEpochAcrossReopens() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try LMDBDatastore(path: path)
        let store = try await first.createStore(name: "kept", caller: CallerContext())
        let token = try await first.write(store.id, [tuple("doc:1", "viewer", "user:anne")])
        first.close()
        let second = try LMDBDatastore(path: path)
        defer { second.close() }
        let found = try second.withSnapshot(storeID: store.id, atLeast: token) { try $0.tuple(object: "doc:1", relation: "viewer", user: "user:anne") }
        #expect(found != nil)
    }
}

