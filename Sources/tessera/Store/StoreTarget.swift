import ArgumentParser
import Foundation
import TesseraFixtures
import TesseraModel
import TesseraStore

/// Where `store import`, `model write` and `model diff --store-id` act: a data directory
/// opened directly (the server must not be writing to it at the same time) or a running
/// server over HTTP.
struct StoreTargetOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "A Tessera data directory, opened directly.")
    var dataDirectory: String?

    @Option(help: "A running Tessera or OpenFGA server.")
    var apiURL: String?

    @Option(help: "With --api-url: a bearer token (preshared key or access token).")
    var apiToken: String?

    /// Opens the target; exactly one of `--data-dir` and `--api-url` must be given.
    func open() throws -> StoreTarget {
        if (dataDirectory == nil) == (apiURL == nil) { throw ValidationError("give exactly one of --data-dir and --api-url") }
        if let apiURL { return .remote(OpenFGAClient(baseURL: apiURL, token: apiToken)) }
        let path = dataDirectory ?? "./data"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return .local(try LMDBDatastore(path: path))
    }
}

/// An opened ``StoreTargetOptions``.
enum StoreTarget {
    case local(LMDBDatastore)
    case remote(OpenFGAClient)

    static let caller = CallerContext(identity: "tessera-cli")

    func createStore(name: String) async throws -> String {
        switch self {
        case .local(let store): try await store.createStore(name: name, caller: Self.caller).id
        case .remote(let client): try await client.createStore(name: name)
        }
    }

    /// Writes `model` (already checked by the API's rules) as the store's newest model.
    func writeModel(storeID: String, model: AuthorizationModel) async throws -> String {
        switch self {
        case .local(let store):
            _ = try store.store(id: storeID)
            return try await store.writeModel(storeID: storeID, model: model, caller: Self.caller)
        case .remote(let client):
            return try await client.writeModel(storeID: storeID, model: model)
        }
    }

    /// Writes `tuples`, in batches; `progress` gets the number written so far.
    func importTuples(storeID: String, _ tuples: [TupleKey], progress: @escaping @Sendable (Int) -> Void) async throws {
        switch self {
        case .local(let store):
            _ = try await store.importTuples(storeID: storeID, tuples, onDuplicate: .error, caller: Self.caller, progress: progress)
        case .remote(let client):
            try await client.write(storeID: storeID, inBatches: tuples, progress: progress)
        }
    }

    /// Every tuple of the store, page by page.
    func forEachTuple(storeID: String, _ body: (TupleKey) -> Void) async throws {
        var token = ""
        repeat {
            switch self {
            case .local(let store):
                let page = try store.read(storeID: storeID, filter: TupleFilter(), pageSize: 100, continuationToken: token.isEmpty ? nil : token)
                page.items.forEach { body($0.key) }
                token = page.items.isEmpty ? "" : page.continuationToken
            case .remote(let client):
                let page = try await client.read(storeID: storeID, pageSize: 100, continuationToken: token)
                page.tuples.forEach(body)
                token = page.tuples.isEmpty ? "" : page.continuationToken
            }
        } while !token.isEmpty
    }

    func latestModel(storeID: String) async throws -> AuthorizationModel {
        switch self {
        case .local(let store): try store.latestModel(storeID: storeID)
        case .remote(let client): try await client.latestModel(storeID: storeID)
        }
    }

    func close() {
        if case .local(let store) = self { store.close() }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar: Sendable {
    let total: Int
    let enabled = isatty(STDERR_FILENO) == 1

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) tuples".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
