import Synchronization
import TesseraModel

/// Type systems by model id. Models are immutable, so an entry never goes stale; the cache
/// only bounds memory (it starts over when full, which is rare: one entry per model in use).
final class TypeSystemCache: Sendable {
    /// A model id is looked up within its store, so the store is part of the key.
    private struct Key: Hashable {
        var storeID: String
        var modelID: String
    }

    private let entries = Mutex<[Key: TypeSystem]>([:])
    let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The type system of model `modelID` of store `storeID`, built by `load` on first use.
    func typeSystem(storeID: String, modelID: String, load: () throws -> AuthorizationModel) rethrows -> TypeSystem {
        let key = Key(storeID: storeID, modelID: modelID)
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let typeSystem = TypeSystem(model: try load())
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = typeSystem
        }
        return typeSystem
    }
}
