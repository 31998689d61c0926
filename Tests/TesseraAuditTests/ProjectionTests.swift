import Foundation
import Testing
import TesseraAudit
import TesseraConditions
import TesseraModel
import TesseraStore

/// The projector copies every committed mutation from the store's journal into the audit
/// log once: one entry per request, with its caller, request id and revision.
struct ProjectionTests {
    @Test func everyMutationTypeIsRecordedOnceWithCallerRequestAndRevision() async throws {
        try await withDatastoreAndLog { datastore, log, path in
            let store = try await datastore.createStore(name: "plans", caller: oidcCaller("r-create"))
            let model = try await datastore.writeModel(storeID: store.id, model: try sampleModel(), caller: oidcCaller("r-model"))
            try await datastore.writeAssertions(storeID: store.id, modelID: model, assertions: [], caller: oidcCaller("r-assert"))
            var writer = oidcCaller("r-write", subject: "alice")
            writer.modelID = model
            let conditioned = tupleKey("doc:2", "viewer", "user:carl", condition: RelationshipCondition(name: "in_hours", context: ["h": .number(9)]))
            try await write(datastore, store.id, [tupleKey("doc:1", "viewer", "user:bob"), conditioned], caller: writer)
            try await write(datastore, store.id, [], deletes: [tupleKey("doc:1", "viewer", "user:bob")], caller: oidcCaller("r-delete"))
            try await datastore.deleteStore(id: store.id, caller: oidcCaller("r-drop"))

            let projector = AuditProjector(datastore: datastore, log: log)
            #expect(try await projector.catchUp() == 6)
            let entries = try allEntries(path)
            #expect(entries.map(\.record.kind) == [.createStore, .writeModel, .writeAssertions, .write, .write, .deleteStore])
            #expect(entries.map(\.record.requestID) == ["r-create", "r-model", "r-assert", "r-write", "r-delete", "r-drop"])
            // Each entry's revision is the revision its journal entries committed in.
            let journal = try datastore.readJournal(after: nil, limit: 100)
            #expect(entries.map(\.record.revision) == Array(Set(journal.map(\.position.revision))).sorted().map(Optional.some))
            #expect(entries.allSatisfy { $0.record.storeID == store.id && $0.record.outcome == .success })
            #expect(entries[0].record.detail == ["name": .string("plans")])
            #expect(entries[1].record.modelID == model)
            #expect(entries[2].record.modelID == model)

            let writeEntry = entries[3].record
            #expect(writeEntry.modelID == model)
            #expect(writeEntry.caller == AuditCaller(
                identity: "oidc client=app-1 sub=alice", subject: "alice", clientID: "app-1", issuer: "https://issuer.example",
                tokenSHA256: String(repeating: "ab", count: 32), sourceAddress: "10.0.0.9"))
            #expect(writeEntry.tuples == [AuditTupleChange(.write, tupleKey("doc:1", "viewer", "user:bob")), AuditTupleChange(.write, conditioned)])
            #expect(entries[4].record.tuples == [AuditTupleChange(.delete, tupleKey("doc:1", "viewer", "user:bob"))])
            #expect(try verify(path).isIntact)
        }
    }

    @Test func catchingUpAgainAddsNothing() async throws {
        try await withDatastoreAndLog { datastore, log, path in
            let store = try await datastore.createStore(name: "store-a", caller: oidcCaller("r1"))
            try await write(datastore, store.id, [tupleKey("doc:1", "viewer", "user:bob")], caller: oidcCaller("r2"))
            let projector = AuditProjector(datastore: datastore, log: log)
            #expect(try await projector.catchUp() == 2)
            #expect(try await projector.catchUp() == 0)
            #expect(try allEntries(path).count == 2)
        }
    }

    @Test func requestsSharingACommitAreOneEntryEachAcrossBatchBoundaries() async throws {
        try await withDatastoreAndLog { datastore, log, path in
            let store = try await datastore.createStore(name: "store-a", caller: oidcCaller("create"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let tuples = (0..<3).map { tupleKey("doc:\(index)-\($0)", "viewer", "user:u\(index)") }
                        try await write(datastore, store.id, tuples, caller: oidcCaller("w\(index)"))
                    }
                }
                try await group.waitForAll()
            }
            var configuration = AuditConfiguration()
            configuration.batchSize = 4  // cuts requests of three tuples at batch ends
            try await AuditProjector(datastore: datastore, log: log, configuration: configuration).catchUp()
            let writes = try allEntries(path, AuditQuery(kind: .write))
            #expect(writes.count == 30)
            #expect(Set(writes.compactMap(\.record.requestID)) == Set((0..<30).map { "w\($0)" }))
            for entry in writes {
                let index = entry.record.requestID?.dropFirst() ?? ""
                #expect(entry.record.tuples.map(\.tuple.user) == Array(repeating: "user:u\(index)", count: 3))
            }
        }
    }

    @Test func projectionResumesAfterReopeningWithoutRepeats() async throws {
        try await withDatastore { datastore, path in
            let store = try await datastore.createStore(name: "store-a", caller: oidcCaller("r1"))
            do {
                let log = try AuditLog(path: path)
                try await AuditProjector(datastore: datastore, log: log).catchUp()
                log.close()
            }
            try await write(datastore, store.id, [tupleKey("doc:1", "viewer", "user:bob")], caller: oidcCaller("r2"))
            let log = try AuditLog(path: path)
            defer { log.close() }
            #expect(try await AuditProjector(datastore: datastore, log: log).catchUp() == 1)
            #expect(try allEntries(path).map(\.record.requestID) == ["r1", "r2"])
            #expect(try verify(path).isIntact)
        }
    }

    @Test func refusalsAndProjectedMutationsShareOneChain() async throws {
        try await withDatastoreAndLog { datastore, log, path in
            log.record(record(at: 1, kind: .refusal, request: "refused-1"))
            _ = try await datastore.createStore(name: "store-a", caller: oidcCaller("r1"))
            try await AuditProjector(datastore: datastore, log: log).catchUp()
            let entries = try allEntries(path)
            #expect(entries.map(\.record.requestID) == ["refused-1", "r1"])
            #expect(entries[0].record.outcome == .refused)
            #expect(entries[0].record.reason == "expired")
            #expect(try verify(path).isIntact)
        }
    }
}
