public import Foundation
public import TesseraModel

/// The storage the server and the engine use: stores, models, tuples, changes, assertions
/// and consistent snapshots. `LMDBDatastore` is the embedded implementation; a PostgreSQL
/// backend will implement the same protocol.
///
/// Errors are `StoreError`s (with OpenFGA's codes and messages), except what a snapshot
/// body throws, which passes through. Reads are synchronous (microseconds, no suspension);
/// mutations are `async` because they wait for a group commit.
public protocol Datastore: Sendable {
    /// A consistent read view of one store, valid only inside `withSnapshot`'s body.
    associatedtype Snapshot: TupleReader

    // MARK: Stores

    /// Creates a store with a new ULID id. The name follows OpenFGA's rules.
    func createStore(name: String, caller: CallerContext) async throws -> StoreRecord
    /// The store with `id`; `store_id_not_found` for an unknown or deleted one.
    func store(id: String) throws -> StoreRecord
    /// Stores oldest first, optionally only those named exactly `name`.
    func listStores(name: String?, pageSize: Int?, continuationToken: String?) throws -> Page<StoreRecord>
    /// Deletes a store and everything in it; afterwards it answers as not found.
    func deleteStore(id: String, caller: CallerContext) async throws

    // MARK: Models

    /// Stores an (already validated) model under a new ULID; returns the id.
    func writeModel(storeID: String, model: AuthorizationModel, caller: CallerContext) async throws -> String
    /// The model `id` of the store (with `id` set).
    func model(storeID: String, id: String) throws -> AuthorizationModel
    /// The newest model of the store; `latest_authorization_model_not_found` when none.
    func latestModel(storeID: String) throws -> AuthorizationModel
    /// The id of the newest model of the store, without decoding it (servers resolve the
    /// default model on every request); `latest_authorization_model_not_found` when none.
    func latestModelID(storeID: String) throws -> String
    /// Models newest first.
    func listModels(storeID: String, pageSize: Int?, continuationToken: String?) throws -> Page<AuthorizationModel>

    // MARK: Assertions

    /// Replaces the assertions of a model.
    func writeAssertions(storeID: String, modelID: String, assertions: [Assertion], caller: CallerContext) async throws
    /// The assertions of a model (empty when none were written).
    func assertions(storeID: String, modelID: String) throws -> [Assertion]

    // MARK: Tuples

    /// Applies `deletes` and `writes` in one transaction under OpenFGA's rules; returns the
    /// token of the commit.
    func write(storeID: String, writes: [TupleKey], deletes: [TupleKey], options: WriteOptions, caller: CallerContext) async throws
        -> ConsistencyToken
    /// One page of the tuples matching `filter` (OpenFGA's Read).
    func read(storeID: String, filter: TupleFilter, pageSize: Int?, continuationToken: String?) throws -> Page<StoredTuple>
    /// One page of tuple changes, oldest first (OpenFGA's ReadChanges). The token always
    /// comes back, unchanged when nothing is new, so callers can poll with it.
    func readChanges(storeID: String, objectType: String?, startTime: Date?, pageSize: Int?, continuationToken: String?) throws
        -> Page<TupleChange>
    /// Writes many tuples in few transactions (the CLI's import). `progress` is called with the
    /// number of tuples committed so far after each transaction.
    func importTuples(
        storeID: String,
        _ tuples: [TupleKey],
        onDuplicate: WriteOptions.Handling,
        caller: CallerContext,
        progress: (@Sendable (Int) -> Void)?
    ) async throws -> ConsistencyToken

    // MARK: Snapshots and revisions

    /// Runs `body` on one read transaction of the store: every read inside sees the same
    /// committed state. With `token`, refuses a token of another epoch or from the future.
    func withSnapshot<T>(storeID: String, atLeast token: ConsistencyToken?, _ body: (Snapshot) throws -> T) throws -> T
    /// The token of the latest commit.
    func currentToken() throws -> ConsistencyToken

    // MARK: Listings kept beside the store

    /// A continuation token for the audit log's listing (`GET /stores/{id}/audit`), minted
    /// like the store's own tokens: authenticated, bound to `storeID` and to `query` (the
    /// listing's filters), resuming after the entry `sequence`.
    func auditContinuationToken(after sequence: Int64, storeID: String, query: [String]) -> String
    /// The entry a token from `auditContinuationToken` resumes after.
    ///
    /// - Throws: `invalid_continuation_token` for a malformed or forged token, or one minted
    ///   for another store or other filters.
    func auditSequence(continuing token: String, storeID: String, query: [String]) throws -> Int64

    // MARK: Journal

    /// Journal entries after `position` (from the start when `nil`), oldest first.
    func readJournal(after position: JournalPosition?, limit: Int) throws -> [JournalEntry]
}

extension Datastore {
    /// `withSnapshot` without a consistency token: the latest committed state.
    public func withSnapshot<T>(storeID: String, _ body: (Snapshot) throws -> T) throws -> T {
        try withSnapshot(storeID: storeID, atLeast: nil, body)
    }
}
