public import TesseraModel
public import TesseraStore
import Foundation

/// The dataset imported into an LMDB datastore, with the model's type system.
public struct GDriveStore: Sendable {
    public let dataset: GDriveDataset
    public let datastore: LMDBDatastore
    public let storeID: String
    public let typeSystem: TypeSystem
    /// Seconds the import took, or nil when an earlier run's import was reused.
    public let importSeconds: Double?

    /// Opens `directory/gdrive-<tupleCount>`, importing the dataset on first use (kept
    /// between runs; delete the directory to rebuild it).
    public static func open(tupleCount: Int, directory: String) async throws -> GDriveStore {
        let dataset = GDriveDataset(tupleCount: tupleCount)
        let typeSystem = TypeSystem(model: try AuthorizationModel(dsl: GDriveDataset.model))
        var options = DatastoreOptions()
        options.initialMapSize = 4 << 30
        let path = "\(directory)/gdrive-v1-\(tupleCount)"
        let marker = "\(path)/imported"
        // An interrupted import leaves no marker: start over rather than measure a partial store.
        if !FileManager.default.fileExists(atPath: marker) { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let datastore = try LMDBDatastore(path: path, options: options)
        if FileManager.default.fileExists(atPath: marker),
            let store = try datastore.listStores(name: "gdrive", pageSize: 1, continuationToken: nil).items.first
        {
            return GDriveStore(dataset: dataset, datastore: datastore, storeID: store.id, typeSystem: typeSystem, importSeconds: nil)
        }
        let started = ContinuousClock.now
        let storeID = try await datastore.createStore(name: "gdrive", caller: CallerContext()).id
        _ = try await datastore.importTuples(storeID: storeID, dataset.tuples(), onDuplicate: .error, caller: CallerContext(), progress: nil)
        FileManager.default.createFile(atPath: marker, contents: nil)
        let elapsed = ContinuousClock.now - started
        return GDriveStore(
            dataset: dataset, datastore: datastore, storeID: storeID, typeSystem: typeSystem,
            importSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
