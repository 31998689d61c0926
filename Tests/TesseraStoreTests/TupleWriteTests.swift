import Testing
import TesseraConditions
import TesseraModel
import TesseraStore

struct TupleWriteTests {
    let anne = tuple("doc:1", "viewer", "user:anne")
    let conditioned = tuple("doc:1", "viewer", "user:anne", condition: RelationshipCondition(name: "in_office", context: ["ip": .string("10.0.0.1")]))

    @Test func writtenTuplesAreStoredWithTheirConditions() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [conditioned, tuple("doc:2", "viewer", "user:bob")])
            #expect(Set(try datastore.readAll(storeID, pageSize: 100)) == [conditioned, tuple("doc:2", "viewer", "user:bob")])
        }
    }

    @Test func deletesAndWritesApplyTogether() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [anne])
            try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:bob")], deletes: [anne])
            #expect(try datastore.readAll(storeID, pageSize: 100) == [tuple("doc:2", "viewer", "user:bob")])
        }
    }

    @Test func emptyWriteIsInvalidInput() async throws {
        try await withStore { datastore, storeID in
            await #expect(throws: StoreError(.invalidWriteInput, "")) { try await datastore.write(storeID, []) }
        }
    }

    @Test func sameKeyTwiceInOneRequestIsRefused() async throws {
        try await withStore { datastore, storeID in
            await #expect(throws: StoreError(.duplicateTuplesInOneRequest, "")) { try await datastore.write(storeID, [anne, conditioned]) }
            await #expect(throws: StoreError(.duplicateTuplesInOneRequest, "")) { try await datastore.write(storeID, [anne], deletes: [anne]) }
            let stored = try datastore.readAll(storeID, pageSize: 100)
            #expect(stored.isEmpty)
        }
    }

    /// GHSA-pm3x-jrhh-qcr7 (CVE-2025-64529): an oversized write once reported success; here it
    /// fails with `exceeded_entity_limit` and writes nothing.
    @Test func moreTuplesThanTheLimitAreRefused() async throws {
        try await withStore { datastore, storeID in
            let tuples = (0..<101).map { tuple("doc:\($0)", "viewer", "user:anne") }
            await #expect(throws: StoreError(.exceededEntityLimit, "")) { try await datastore.write(storeID, tuples) }
            try await datastore.write(storeID, Array(tuples.prefix(100)))
            #expect(try datastore.readAll(storeID, pageSize: 100).count == 100)
        }
    }

    @Test func theTupleLimitIsConfigurable() async throws {
        try await withStore({ $0.maxTuplesPerWrite = 2 }) { datastore, storeID in
            let error = await #expect(throws: StoreError.self) {
                try await datastore.write(storeID, [tuple("doc:1", "v", "user:a")], deletes: [tuple("doc:2", "v", "user:a"), tuple("doc:3", "v", "user:a")])
            }
            #expect(error?.code == .exceededEntityLimit)
            #expect(error?.message == "The number of write operations exceeds the allowed limit of 2")
        }
    }

    @Test func writingAnExistingTupleFailsByDefault() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [anne])
            let error = await #expect(throws: StoreError.self) { try await datastore.write(storeID, [anne, tuple("doc:9", "viewer", "user:anne")]) }
            #expect(error?.code == .writeFailedDueToInvalidInput)
            #expect(error?.message.hasPrefix("cannot write a tuple which already exists: user: 'user:anne', relation: 'viewer', object: 'doc:1'") == true)
            #expect(try datastore.readAll(storeID, pageSize: 100) == [anne])
        }
    }

    @Test func onDuplicateIgnoreSkipsAnIdenticalTuple() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [conditioned])
            try await datastore.write(
                storeID: storeID, writes: [conditioned, tuple("doc:2", "viewer", "user:anne")], deletes: [],
                options: WriteOptions(onDuplicate: .ignore), caller: CallerContext()
            )
            #expect(Set(try datastore.readAll(storeID, pageSize: 100)) == [conditioned, tuple("doc:2", "viewer", "user:anne")])
        }
    }

    @Test func onDuplicateIgnoreWithADifferentConditionIsAConflict() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [conditioned])
            var changed = conditioned
            changed.condition?.context["ip"] = .string("10.0.0.2")
            await #expect(throws: StoreError(.conflict, "")) {
                try await datastore.write(storeID: storeID, writes: [changed], deletes: [], options: WriteOptions(onDuplicate: .ignore), caller: CallerContext())
            }
            await #expect(throws: StoreError(.conflict, "")) {
                try await datastore.write(storeID: storeID, writes: [anne], deletes: [], options: WriteOptions(onDuplicate: .ignore), caller: CallerContext())
            }
            #expect(try datastore.readAll(storeID, pageSize: 100) == [conditioned])
        }
    }

    @Test func deletingAMissingTupleFailsByDefault() async throws {
        try await withStore { datastore, storeID in
            let error = await #expect(throws: StoreError.self) { try await datastore.write(storeID, [], deletes: [anne]) }
            #expect(error?.code == .writeFailedDueToInvalidInput)
            #expect(error?.message.hasPrefix("cannot delete a tuple which does not exist: user: 'user:anne'") == true)
        }
    }

    @Test func onMissingIgnoreSkipsAMissingTuple() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(
                storeID: storeID, writes: [tuple("doc:2", "viewer", "user:bob")], deletes: [anne],
                options: WriteOptions(onMissing: .ignore), caller: CallerContext()
            )
            #expect(try datastore.readAll(storeID, pageSize: 100) == [tuple("doc:2", "viewer", "user:bob")])
        }
    }

    @Test func aFailingRequestChangesNothing() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [anne])
            let before = try datastore.currentToken()
            await #expect(throws: StoreError.self) {
                try await datastore.write(storeID, [tuple("doc:5", "viewer", "user:x"), tuple("doc:6", "viewer", "user:y")], deletes: [tuple("doc:7", "viewer", "user:z")])
            }
            #expect(try datastore.readAll(storeID, pageSize: 100) == [anne])
            #expect(try datastore.currentToken() == before)
        }
    }

    @Test func deleteIgnoresTheConditionOfTheKey() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [conditioned])
            try await datastore.write(storeID, [], deletes: [anne])
            #expect(try datastore.readAll(storeID, pageSize: 100).isEmpty)
        }
    }

    @Test func eachWriteReturnsALaterToken() async throws {
        try await withStore { datastore, storeID in
            let first = try await datastore.write(storeID, [anne])
            let second = try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:anne")])
            #expect(second.revision > first.revision)
            #expect(second.epoch == first.epoch)
            #expect(try datastore.currentToken() == second)
        }
    }

    @Test func conditionContextOverTheLimitIsRefused() async throws {
        try await withStore({ $0.maxConditionContextBytes = 64 }) { datastore, storeID in
            let big = tuple("doc:1", "viewer", "user:anne", condition: RelationshipCondition(name: "c1", context: ["k": .string(String(repeating: "x", count: 100))]))
            await #expect(throws: StoreError(.validationError, "")) { try await datastore.write(storeID, [big]) }
        }
    }
}
