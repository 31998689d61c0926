import Foundation
import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct ChangeTests {
    let caller = CallerContext(identity: "client-1", requestID: "req-42")

    func allChanges(_ datastore: LMDBDatastore, _ storeID: String, type: String? = nil, pageSize: Int = 100) throws -> [TupleChange] {
        var changes: [TupleChange] = []
        var token: String?
        while true {
            let page = try datastore.readChanges(storeID: storeID, objectType: type, startTime: nil, pageSize: pageSize, continuationToken: token)
            if page.items.isEmpty { return changes }
            changes += page.items
            token = page.continuationToken
        }
    }

    @Test func writesAndDeletesAreLoggedInOrderWithCallerAndRevision() async throws {
        try await withStore { datastore, storeID in
            let conditioned = tuple("doc:1", "viewer", "user:anne", condition: RelationshipCondition(name: "c1", context: ["a": .bool(true)]))
            let first = try await datastore.write(storeID, [conditioned], caller: caller)
            let second = try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:bob")], deletes: [conditioned], caller: caller)
            let changes = try allChanges(datastore, storeID)
            #expect(changes.map(\.operation) == [.write, .delete, .write])
            #expect(changes.map(\.key) == [conditioned, tuple("doc:1", "viewer", "user:anne"), tuple("doc:2", "viewer", "user:bob")])
            #expect(changes.map(\.revision) == [first.revision, second.revision, second.revision])
            #expect(changes.allSatisfy { $0.caller == caller })
        }
    }

    @Test func ignoredWritesAndDeletesAreNotLogged() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            try await datastore.write(
                storeID: storeID, writes: [tuple("doc:1", "viewer", "user:anne")], deletes: [tuple("doc:9", "viewer", "user:x")],
                options: WriteOptions(onDuplicate: .ignore, onMissing: .ignore), caller: caller
            )
            #expect(try allChanges(datastore, storeID).count == 1)
        }
    }

    @Test func typeFilterReturnsOnlyThatObjectType() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne"), tuple("folder:1", "viewer", "user:anne"), tuple("doc:2", "viewer", "user:anne")])
            #expect(try allChanges(datastore, storeID, type: "doc", pageSize: 1).map(\.key.object) == ["doc:1", "doc:2"])
            #expect(try allChanges(datastore, storeID, type: "nothing").isEmpty)
        }
    }

    @Test func pagingReturnsEveryChangeOnce() async throws {
        try await withStore { datastore, storeID in
            for index in 0..<10 { try await datastore.write(storeID, [tuple("doc:\(index)", "viewer", "user:anne")]) }
            #expect(try allChanges(datastore, storeID, pageSize: 3).map(\.key.object) == (0..<10).map { "doc:\($0)" })
        }
    }

    @Test func tokenIsReturnedUnchangedWhenNothingIsNewAndThenSeesNewChanges() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let first = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 50, continuationToken: nil)
            #expect(first.items.count == 1)
            #expect(!first.continuationToken.isEmpty)
            let idle = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 50, continuationToken: first.continuationToken)
            #expect(idle.items.isEmpty)
            #expect(idle.continuationToken == first.continuationToken)
            try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:anne")])
            let next = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 50, continuationToken: idle.continuationToken)
            #expect(next.items.map(\.key.object) == ["doc:2"])
        }
    }

    @Test func tokenOfAnotherTypeIsAMismatch() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let page = try datastore.readChanges(storeID: storeID, objectType: "doc", startTime: nil, pageSize: 50, continuationToken: nil)
            #expect(throws: StoreError(.typeContinuationTokenMismatch, "")) {
                try datastore.readChanges(storeID: storeID, objectType: "folder", startTime: nil, pageSize: 50, continuationToken: page.continuationToken)
            }
        }
    }

    @Test func tamperedTokenIsInvalid() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let token = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 50, continuationToken: nil).continuationToken
            let tampered = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
            #expect(throws: StoreError(.invalidContinuationToken, "")) {
                try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 50, continuationToken: tampered)
            }
        }
    }

    @Test func startTimeSkipsEarlierChanges() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            try await Task.sleep(for: .milliseconds(20))
            let middle = Date()
            try await Task.sleep(for: .milliseconds(20))
            try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:anne")])
            let page = try datastore.readChanges(storeID: storeID, objectType: nil, startTime: middle, pageSize: 50, continuationToken: nil)
            #expect(page.items.map(\.key.object) == ["doc:2"])
        }
    }

    @Test func startTimeInTheFutureIsInvalid() async throws {
        try await withStore { datastore, storeID in
            #expect(throws: StoreError(.invalidStartTime, "")) {
                try datastore.readChanges(storeID: storeID, objectType: nil, startTime: Date().addingTimeInterval(3600), pageSize: 50, continuationToken: nil)
            }
        }
    }

    @Test func changesPageSizeIsAtMost100() async throws {
        try await withStore { datastore, storeID in
            #expect(throws: StoreError(.pageSizeInvalid, "")) {
                try datastore.readChanges(storeID: storeID, objectType: nil, startTime: nil, pageSize: 101, continuationToken: nil)
            }
        }
    }
}

struct JournalTests {
    @Test func everyMutationIsJournaledInCommitOrder() async throws {
        try await withDatastore { datastore in
            let caller = CallerContext(identity: "admin", requestID: "r1")
            let store = try await datastore.createStore(name: "journaled", caller: caller)
            let model = try await datastore.writeModel(storeID: store.id, model: try sampleModel(), caller: caller)
            try await datastore.writeAssertions(storeID: store.id, modelID: model, assertions: [], caller: caller)
            try await datastore.write(store.id, [tuple("doc:1", "viewer", "user:anne")], caller: caller)
            try await datastore.write(store.id, [], deletes: [tuple("doc:1", "viewer", "user:anne")], caller: caller)
            try await datastore.deleteStore(id: store.id, caller: caller)
            let entries = try datastore.readJournal(after: nil, limit: 100)
            #expect(entries.map(\.operation) == [
                .storeCreated(name: "journaled"), .modelWritten(modelID: model), .assertionsWritten(modelID: model),
                .tupleWritten(tuple("doc:1", "viewer", "user:anne")), .tupleDeleted(tuple("doc:1", "viewer", "user:anne")), .storeDeleted,
            ])
            #expect(entries.allSatisfy { $0.storeID == store.id && $0.caller == caller })
            #expect(entries.map(\.position) == entries.map(\.position).sorted())
            let rest = try datastore.readJournal(after: entries[2].position, limit: 2)
            #expect(rest.map(\.position) == [entries[3].position, entries[4].position])
        }
    }
}
