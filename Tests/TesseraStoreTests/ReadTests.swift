import Foundation
import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

struct ReadTests {
    /// 3 documents × 2 relations × users, plus a folder, wildcard and userset users.
    static let fixture: [TupleKey] = {
        var tuples: [TupleKey] = []
        for document in 1...3 {
            for relation in ["viewer", "editor"] {
                tuples.append(tuple("doc:\(document)", relation, "user:anne"))
                tuples.append(tuple("doc:\(document)", relation, "user:bob"))
            }
        }
        tuples.append(tuple("doc:1", "viewer", "user:*"))
        tuples.append(tuple("doc:1", "viewer", "group:eng#member"))
        tuples.append(tuple("folder:1", "viewer", "user:anne"))
        return tuples
    }()

    func read(_ filter: TupleFilter) async throws -> Set<TupleKey> {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, Self.fixture)
            return Set(try datastore.readAll(storeID, filter: filter, pageSize: 100))
        }
    }

    @Test func noFilterReadsEverything() async throws {
        #expect(try await read(TupleFilter()) == Set(Self.fixture))
    }

    @Test func objectFilterReadsThatObject() async throws {
        #expect(try await read(TupleFilter(object: "doc:2")) == Set(Self.fixture.filter { $0.object == "doc:2" }))
    }

    @Test func objectAndRelationFilterReadsThatRelation() async throws {
        let expected = Set(Self.fixture.filter { $0.object == "doc:1" && $0.relation == "viewer" })
        #expect(try await read(TupleFilter(object: "doc:1", relation: "viewer")) == expected)
    }

    @Test func objectRelationAndUserFilterReadsOneTuple() async throws {
        #expect(try await read(TupleFilter(object: "doc:1", relation: "viewer", user: "user:*")) == [tuple("doc:1", "viewer", "user:*")])
    }

    @Test func objectAndUserFilterReadsEveryRelation() async throws {
        #expect(try await read(TupleFilter(object: "doc:3", user: "user:bob")) == [tuple("doc:3", "viewer", "user:bob"), tuple("doc:3", "editor", "user:bob")])
    }

    @Test func typeAndUserFilterReadsObjectsOfThatType() async throws {
        let expected = Set(Self.fixture.filter { $0.user == "user:anne" && $0.object.hasPrefix("doc:") })
        #expect(try await read(TupleFilter(object: "doc:", user: "user:anne")) == expected)
    }

    @Test func typeRelationAndUserFilterNarrowsByRelation() async throws {
        let expected = Set(Self.fixture.filter { $0.user == "user:anne" && $0.object.hasPrefix("doc:") && $0.relation == "editor" })
        #expect(try await read(TupleFilter(object: "doc:", relation: "editor", user: "user:anne")) == expected)
    }

    @Test func usersetUserFilterMatchesTheUsersetExactly() async throws {
        #expect(try await read(TupleFilter(object: "doc:", user: "group:eng#member")) == [tuple("doc:1", "viewer", "group:eng#member")])
    }

    @Test func unknownIdentifiersMatchNothing() async throws {
        #expect(try await read(TupleFilter(object: "doc:99")).isEmpty)
        #expect(try await read(TupleFilter(object: "nosuchtype:", user: "user:anne")).isEmpty)
        #expect(try await read(TupleFilter(object: "doc:1", relation: "nosuch")).isEmpty)
    }

    @Test(arguments: [
        TupleFilter(relation: "viewer"), TupleFilter(user: "user:anne"), TupleFilter(object: "doc:"),
        TupleFilter(object: "doc"), TupleFilter(object: ":1"), TupleFilter(object: "doc:", relation: "viewer"),
    ])
    func filtersWithoutTypeOrWithoutIdAndUserAreRefused(filter: TupleFilter) async throws {
        try await withStore { datastore, storeID in
            let error = #expect(throws: StoreError.self) { try datastore.read(storeID: storeID, filter: filter, pageSize: nil, continuationToken: nil) }
            #expect(error?.code == .validationError)
            #expect(error?.message == "the 'tuple_key' field was provided but the object type field is required and both the object id and user cannot be empty")
        }
    }

    @Test(arguments: [0, -1, 101])
    func pageSizesOutside1To100AreRefused(size: Int) async throws {
        try await withStore { datastore, storeID in
            #expect(throws: StoreError(.pageSizeInvalid, "")) { try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: size, continuationToken: nil) }
        }
    }

    @Test func defaultPageSizeIs50() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, (0..<60).map { tuple("doc:\($0)", "viewer", "user:anne") })
            let page = try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: nil, continuationToken: nil)
            #expect(page.items.count == 50)
            #expect(!page.continuationToken.isEmpty)
        }
    }

    @Test func readReturnsTheWriteTimestamp() async throws {
        try await withStore { datastore, storeID in
            let before = Date()
            try await datastore.write(storeID, [tuple("doc:1", "viewer", "user:anne")])
            let stored = try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: 1, continuationToken: nil).items
            #expect(stored.count == 1)
            #expect(abs(stored[0].timestamp.timeIntervalSince(before)) < 5)
        }
    }
}

/// Paging returns every tuple exactly once at every page size.
struct PaginationTests {
    static let tuples: [TupleKey] = (0..<230).map { index in
        tuple("doc:\(index % 23)", index % 2 == 0 ? "viewer" : "editor", "user:u\(index)")
    }

    func pages(_ filter: TupleFilter, size: Int, expected: Set<TupleKey>) async throws {
        try await withStore { datastore, storeID in
            for chunk in stride(from: 0, to: Self.tuples.count, by: 100) {
                try await datastore.write(storeID, Array(Self.tuples[chunk..<min(chunk + 100, Self.tuples.count)]))
            }
            let read = try datastore.readAll(storeID, filter: filter, pageSize: size)
            #expect(read.count == expected.count)
            #expect(Set(read) == expected)
        }
    }

    @Test(arguments: [1, 2, 7, 50, 100])
    func wholeStorePagesReturnEveryTupleOnce(size: Int) async throws {
        try await pages(TupleFilter(), size: size, expected: Set(Self.tuples))
    }

    @Test(arguments: [1, 2, 7, 50, 100])
    func forwardFilterPagesReturnEveryTupleOnce(size: Int) async throws {
        try await pages(TupleFilter(object: "doc:3"), size: size, expected: Set(Self.tuples.filter { $0.object == "doc:3" }))
    }

    @Test(arguments: [1, 2, 7, 50, 100])
    func reverseFilterPagesReturnEveryTupleOnce(size: Int) async throws {
        let user = "user:u7"
        try await pages(TupleFilter(object: "doc:", user: user), size: size, expected: Set(Self.tuples.filter { $0.user == user }))
    }
}
