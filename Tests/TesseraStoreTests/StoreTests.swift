import Testing
import TesseraConditions
import TesseraStore

struct StoreTests {
    @Test func createdStoreHasAULIDAndCanBeRead() async throws {
        try await withDatastore { datastore in
            let created = try await datastore.createStore(name: "my store", caller: CallerContext())
            #expect(created.id.utf8.count == 26)
            #expect(created.id.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
            let read = try datastore.store(id: created.id)
            #expect(read == created)
        }
    }

    @Test(arguments: ["ab", String(repeating: "a", count: 65), "bad*name", "ünïcode"])
    func storeNamesOutsideOpenFGAsPatternAreRefused(name: String) async throws {
        try await withDatastore { datastore in
            await #expect(throws: StoreError(.validationError, "")) {
                try await datastore.createStore(name: name, caller: CallerContext())
            }
        }
    }

    @Test(arguments: ["abc", String(repeating: "z", count: 64), "a.b-c/d^e_f&g@h i"])
    func storeNamesWithinOpenFGAsPatternAreAccepted(name: String) async throws {
        try await withDatastore { datastore in
            let store = try await datastore.createStore(name: name, caller: CallerContext())
            #expect(try datastore.store(id: store.id).name == name)
        }
    }

    @Test func unknownStoreIsNotFound() async throws {
        try await withDatastore { datastore in
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.store(id: "01ARZ3NDEKTSV4RRFFQ69G5FAV") }
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.store(id: "not a ulid") }
        }
    }

    @Test func deletedStoreAnswersAsNotFoundEverywhere() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            _ = try await datastore.writeModel(storeID: storeID, model: try sampleModel(), caller: CallerContext())
            try await datastore.deleteStore(id: storeID, caller: CallerContext())
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.store(id: storeID) }
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: nil, continuationToken: nil) }
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.latestModel(storeID: storeID) }
            #expect(throws: StoreError(.storeNotFound, "")) { try datastore.withSnapshot(storeID: storeID) { _ in } }
            await #expect(throws: StoreError(.storeNotFound, "")) { try await datastore.write(storeID, [tuple("doc:2", "viewer", "user:anne")]) }
            await #expect(throws: StoreError(.storeNotFound, "")) { try await datastore.deleteStore(id: storeID, caller: CallerContext()) }
            #expect(try datastore.listStores(name: nil, pageSize: nil, continuationToken: nil).items.isEmpty)
        }
    }

    @Test func deletingAStoreLeavesOtherStoresIntact() async throws {
        try await withDatastore { datastore in
            let doomed = try await datastore.createStore(name: "doomed", caller: CallerContext())
            let kept = try await datastore.createStore(name: "kept", caller: CallerContext())
            try await datastore.write(doomed.id, [tuple("doc:1", "viewer", "user:anne")])
            try await datastore.write(kept.id, [tuple("doc:1", "viewer", "user:anne")])
            try await datastore.deleteStore(id: doomed.id, caller: CallerContext())
            #expect(try datastore.readAll(kept.id, pageSize: 10) == [tuple("doc:1", "viewer", "user:anne")])
        }
    }

    @Test func listStoresPagesInCreationOrderWithoutRepeats() async throws {
        try await withDatastore { datastore in
            var created: [String] = []
            for index in 0..<7 { created.append(try await datastore.createStore(name: "store \(index)", caller: CallerContext()).id) }
            let listed = try collectPages(pageSize: 3) { try datastore.listStores(name: nil, pageSize: 3, continuationToken: $0) }
            #expect(listed.map(\.id) == created)
        }
    }

    @Test func listStoresFiltersByExactName() async throws {
        try await withDatastore { datastore in
            _ = try await datastore.createStore(name: "alpha", caller: CallerContext())
            let beta = try await datastore.createStore(name: "beta", caller: CallerContext())
            _ = try await datastore.createStore(name: "beta two", caller: CallerContext())
            let page = try datastore.listStores(name: "beta", pageSize: nil, continuationToken: nil)
            #expect(page.items.map(\.id) == [beta.id])
            #expect(page.continuationToken.isEmpty)
        }
    }

    @Test func listStoresRefusesATokenMintedForAnotherNameFilter() async throws {
        try await withDatastore { datastore in
            for index in 0..<3 { _ = try await datastore.createStore(name: "store \(index)", caller: CallerContext()) }
            let page = try datastore.listStores(name: nil, pageSize: 1, continuationToken: nil)
            #expect(throws: StoreError(.invalidContinuationToken, "")) {
                try datastore.listStores(name: "store 1", pageSize: 1, continuationToken: page.continuationToken)
            }
        }
    }
}
