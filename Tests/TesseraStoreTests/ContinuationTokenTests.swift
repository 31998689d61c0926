import Foundation
import Testing
import TesseraConditions
import TesseraStore

/// Continuation tokens are attacker input: every bad one is a clear error.
struct ContinuationTokenTests {
    func withTwoPages(_ body: (LMDBDatastore, String, String) throws -> Void) async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, (0..<5).map { tuple("doc:\($0)", "viewer", "user:anne") })
            let page = try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: 2, continuationToken: nil)
            try body(datastore, storeID, page.continuationToken)
        }
    }

    func expectInvalid(_ datastore: LMDBDatastore, _ storeID: String, _ token: String, filter: TupleFilter = TupleFilter()) {
        let error = #expect(throws: StoreError.self) { try datastore.read(storeID: storeID, filter: filter, pageSize: 2, continuationToken: token) }
        #expect(error?.code == .invalidContinuationToken)
    }

    @Test func garbageIsRefused() async throws {
        try await withTwoPages { datastore, storeID, _ in
            for token in ["x", "not base64!", "AAAA", String(repeating: "A", count: 6000), "🙂", "====", "a=b"] {
                expectInvalid(datastore, storeID, token)
            }
        }
    }

    /// GHSA-vhvq-fv9f-wh4q: a tampered cursor crashed SpiceDB; here every altered token is a
    /// clear `invalid_continuation_token` error.
    @Test func everySingleCharacterChangeIsRefused() async throws {
        try await withTwoPages { datastore, storeID, token in
            var characters = Array(token)
            for index in characters.indices {
                let original = characters[index]
                characters[index] = original == "A" ? "B" : "A"
                expectInvalid(datastore, storeID, String(characters))
                characters[index] = original
            }
        }
    }

    @Test func truncatedAndExtendedTokensAreRefused() async throws {
        try await withTwoPages { datastore, storeID, token in
            expectInvalid(datastore, storeID, String(token.dropLast(3)))
            expectInvalid(datastore, storeID, token + "AAAA")
        }
    }

    @Test func tokenOfAnotherFilterIsRefused() async throws {
        try await withTwoPages { datastore, storeID, token in
            expectInvalid(datastore, storeID, token, filter: TupleFilter(object: "doc:1"))
        }
    }

    @Test func tokenOfAnotherStoreIsRefused() async throws {
        try await withDatastore { datastore in
            let first = try await datastore.createStore(name: "first", caller: CallerContext())
            let second = try await datastore.createStore(name: "second", caller: CallerContext())
            try await datastore.write(first.id, (0..<3).map { tuple("doc:\($0)", "viewer", "user:anne") })
            let token = try datastore.read(storeID: first.id, filter: TupleFilter(), pageSize: 1, continuationToken: nil).continuationToken
            expectInvalid(datastore, second.id, token)
        }
    }

    @Test func tokenOfAnotherDatabaseIsRefused() async throws {
        var token = ""
        try await withTwoPages { _, _, minted in token = minted }
        try await withTwoPages { datastore, storeID, _ in expectInvalid(datastore, storeID, token) }
    }

    @Test func tokenOfAnotherListingIsRefused() async throws {
        try await withStore { datastore, storeID in
            for index in 0..<3 { _ = try await datastore.writeModel(storeID: storeID, model: try sampleModel(relation: "r\(index)"), caller: CallerContext()) }
            let modelToken = try datastore.listModels(storeID: storeID, pageSize: 1, continuationToken: nil).continuationToken
            #expect(!modelToken.isEmpty)
            expectInvalid(datastore, storeID, modelToken)
        }
    }

    @Test func tokensSurviveAReopen() async throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = DatastoreOptions()
        options.sync = .full
        let first = try LMDBDatastore(path: path, options: options)
        let store = try await first.createStore(name: "reopened", caller: CallerContext())
        try await first.write(store.id, (0..<3).map { tuple("doc:\($0)", "viewer", "user:anne") })
        let page = try first.read(storeID: store.id, filter: TupleFilter(), pageSize: 2, continuationToken: nil)
        first.close()
        let second = try LMDBDatastore(path: path, options: options)
        defer { second.close() }
        let next = try second.read(storeID: store.id, filter: TupleFilter(), pageSize: 2, continuationToken: page.continuationToken)
        #expect(next.items.count == 1)
    }
}
