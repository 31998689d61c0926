import Synchronization
import TesseraModel

/// Type systems by model id. Models are immutable, so an entry never goes stale; the cache
/// only bounds memory (it starts over when full, which is rare: one entry per model in use).
final class TypeSystemCache: Sendable {
    private let entries = Mutex<[String: TypeSystem]>([:])
    let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The type system of model `id`, built by `load` on first use.
    func typeSystem(id: String, load: () throws -> AuthorizationModel) rethrows -> TypeSystem {
        if let cached = entries.withLock({ $0[id] }) { return cached }
        let typeSystem = TypeSystem(model: try load())
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = typeSystem
        }
        return typeSystem
    }
}
