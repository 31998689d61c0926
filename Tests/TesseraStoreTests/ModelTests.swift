import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct ModelTests {
    @Test func writtenModelReadsBackWithItsID() async throws {
        try await withStore { datastore, storeID in
            let model = try sampleModel()
            let id = try await datastore.writeModel(storeID: storeID, model: model, caller: CallerContext())
            var expected = model
            expected.id = id
            #expect(try datastore.model(storeID: storeID, id: id) == expected)
        }
    }

    @Test func latestModelIsTheNewest() async throws {
        try await withStore { datastore, storeID in
            _ = try await datastore.writeModel(storeID: storeID, model: try sampleModel(relation: "a"), caller: CallerContext())
            let newest = try await datastore.writeModel(storeID: storeID, model: try sampleModel(relation: "b"), caller: CallerContext())
            #expect(try datastore.latestModel(storeID: storeID).id == newest)
        }
    }

    @Test func storeWithoutModelsHasNoLatestModel() async throws {
        try await withStore { datastore, storeID in
            #expect(throws: StoreError(.latestAuthorizationModelNotFound, "")) { try datastore.latestModel(storeID: storeID) }
        }
    }

    @Test func unknownModelIsNotFound() async throws {
        try await withStore { datastore, storeID in
            #expect(throws: StoreError(.authorizationModelNotFound, "")) { try datastore.model(storeID: storeID, id: "01ARZ3NDEKTSV4RRFFQ69G5FAV") }
            #expect(throws: StoreError(.authorizationModelNotFound, "")) { try datastore.model(storeID: storeID, id: "x") }
        }
    }

    @Test func modelsOfOneStoreAreInvisibleToAnother() async throws {
        try await withDatastore { datastore in
            let first = try await datastore.createStore(name: "first", caller: CallerContext())
            let second = try await datastore.createStore(name: "second", caller: CallerContext())
            let id = try await datastore.writeModel(storeID: first.id, model: try sampleModel(), caller: CallerContext())
            #expect(throws: StoreError(.authorizationModelNotFound, "")) { try datastore.model(storeID: second.id, id: id) }
            #expect(throws: StoreError(.latestAuthorizationModelNotFound, "")) { try datastore.latestModel(storeID: second.id) }
        }
    }

    @Test func listModelsPagesNewestFirstWithoutRepeats() async throws {
        try await withStore { datastore, storeID in
            var written: [String] = []
            for index in 0..<5 {
                written.append(try await datastore.writeModel(storeID: storeID, model: try sampleModel(relation: "r\(index)"), caller: CallerContext()))
            }
            let listed = try collectPages(pageSize: 2) { try datastore.listModels(storeID: storeID, pageSize: 2, continuationToken: $0) }
            #expect(listed.compactMap(\.id) == written.reversed())
        }
    }

    @Test func writingAModelToAnUnknownStoreFails() async throws {
        try await withDatastore { datastore in
            await #expect(throws: StoreError(.storeNotFound, "")) {
                try await datastore.writeModel(storeID: "01ARZ3NDEKTSV4RRFFQ69G5FAV", model: try sampleModel(), caller: CallerContext())
            }
        }
    }
}

struct AssertionTests {
    let assertion = Assertion(
        tupleKey: TupleKey(object: "document:1", relation: "viewer", user: "user:anne"),
        expectation: true,
        contextualTuples: [TupleKey(object: "document:1", relation: "viewer", user: "user:bob", condition: RelationshipCondition(name: "cond", context: ["x": .number(1)]))],
        context: ["ip": .string("10.0.0.1"), "list": .array([.bool(true), .null])]
    )

    @Test func writtenAssertionsReadBack() async throws {
        try await withStore { datastore, storeID in
            let model = try await datastore.writeModel(storeID: storeID, model: try sampleModel(), caller: CallerContext())
            try await datastore.writeAssertions(storeID: storeID, modelID: model, assertions: [assertion], caller: CallerContext())
            #expect(try datastore.assertions(storeID: storeID, modelID: model) == [assertion])
        }
    }

    @Test func writingAssertionsReplacesThePreviousOnes() async throws {
        try await withStore { datastore, storeID in
            let model = try await datastore.writeModel(storeID: storeID, model: try sampleModel(), caller: CallerContext())
            try await datastore.writeAssertions(storeID: storeID, modelID: model, assertions: [assertion, assertion], caller: CallerContext())
            var other = assertion
            other.expectation = false
            try await datastore.writeAssertions(storeID: storeID, modelID: model, assertions: [other], caller: CallerContext())
            #expect(try datastore.assertions(storeID: storeID, modelID: model) == [other])
        }
    }

    @Test func modelWithoutAssertionsHasNone() async throws {
        try await withStore { datastore, storeID in
            let model = try await datastore.writeModel(storeID: storeID, model: try sampleModel(), caller: CallerContext())
            #expect(try datastore.assertions(storeID: storeID, modelID: model).isEmpty)
        }
    }

    @Test func assertionsForAnUnknownModelAreRefused() async throws {
        try await withStore { datastore, storeID in
            await #expect(throws: StoreError(.authorizationModelNotFound, "")) {
                try await datastore.writeAssertions(storeID: storeID, modelID: "01ARZ3NDEKTSV4RRFFQ69G5FAV", assertions: [assertion], caller: CallerContext())
            }
        }
    }
}
