import Foundation
import TesseraModel
import TesseraConditions
import TesseraStore

/// A unique temporary directory per test (tests run in parallel in one process, and LMDB
/// allows one environment per path per process).
func temporaryDirectory(_ label: String = "store") -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("tessera-\(label)-\(UUID().uuidString)").path
    return path
}

/// Opens a datastore in a fresh directory, runs `body`, closes and removes it.
@discardableResult
func withDatastore<T>(
    _ configure: (inout DatastoreOptions) -> Void = { _ in },
    _ body: (LMDBDatastore) async throws -> T
) async throws -> T {
    let path = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = DatastoreOptions()
    options.sync = .noSync  // tests do not need fsync; durability tests set their own mode
    configure(&options)
    let datastore = try LMDBDatastore(path: path, options: options)
    defer { datastore.close() }
    return try await body(datastore)
}

/// A datastore with one store, for tests about what is inside a store.
@discardableResult
func withStore<T>(
    _ configure: (inout DatastoreOptions) -> Void = { _ in },
    _ body: (LMDBDatastore, String) async throws -> T
) async throws -> T {
    try await withDatastore(configure) { datastore in
        let store = try await datastore.createStore(name: "test store", caller: CallerContext())
        return try await body(datastore, store.id)
    }
}

extension LMDBDatastore {
    /// Writes tuples with default options.
    @discardableResult
    func write(_ storeID: String, _ writes: [TupleKey], deletes: [TupleKey] = [], caller: CallerContext = CallerContext()) async throws
        -> ConsistencyToken
    {
        try await write(storeID: storeID, writes: writes, deletes: deletes, options: WriteOptions(), caller: caller)
    }

    /// Every tuple matching `filter`, paging with `pageSize`.
    func readAll(_ storeID: String, filter: TupleFilter = TupleFilter(), pageSize: Int) throws -> [TupleKey] {
        try collectPages(pageSize: pageSize) { token in
            try read(storeID: storeID, filter: filter, pageSize: pageSize, continuationToken: token)
        }.map(\.key)
    }
}

/// Follows continuation tokens until the last page, checking that no page is too large.
func collectPages<Item>(pageSize: Int, _ fetch: (String?) throws -> Page<Item>) throws -> [Item] {
    var items: [Item] = []
    var token: String?
    repeat {
        let page = try fetch(token)
        guard page.items.count <= pageSize else { throw PageTooLarge(count: page.items.count, pageSize: pageSize) }
        items += page.items
        token = page.continuationToken.isEmpty ? nil : page.continuationToken
    } while token != nil
    return items
}

struct PageTooLarge: Error {
    let count: Int
    let pageSize: Int
}

func tuple(_ object: String, _ relation: String, _ user: String, condition: RelationshipCondition? = nil) -> TupleKey {
    TupleKey(object: object, relation: relation, user: user, condition: condition)
}

/// A small valid model for the model and assertion tests.
func sampleModel(relation: String = "viewer") throws -> AuthorizationModel {
    let json = """
        {"schema_version":"1.1","type_definitions":[{"type":"user"},
        {"type":"document","relations":{"\(relation)":{"this":{}}},
        "metadata":{"relations":{"\(relation)":{"directly_related_user_types":[{"type":"user"}]}}}}]}
        """
    return try AuthorizationModel(json: Array(json.utf8))
}
