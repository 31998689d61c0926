/// Every operation of the HTTP API that needs a caller, with the scope it requires and how
/// it relates to stores. `/healthz` and `/openapi.json` are open and are not operations.
///
/// Named `APIOperation` rather than `Operation` so it never collides with Foundation's class.
///
/// | operation | route | scope | store |
/// |---|---|---|---|
/// | `createStore` | `POST /stores` | admin | refused to store-confined callers |
/// | `listStores` | `GET /stores` | admin | result filtered to the caller's stores |
/// | `getStore` | `GET /stores/{id}` | read | the store |
/// | `deleteStore` | `DELETE /stores/{id}` | admin | the store |
/// | `writeModel` | `POST /stores/{id}/authorization-models` | model | the store |
/// | `readModels` | `GET /stores/{id}/authorization-models` | read | the store |
/// | `readModel` | `GET /stores/{id}/authorization-models/{model}` | read | the store |
/// | `write` | `POST /stores/{id}/write` | write | the store |
/// | `read` | `POST /stores/{id}/read` | read | the store |
/// | `readChanges` | `GET /stores/{id}/changes` | read | the store |
/// | `check`, `batchCheck`, `expand`, `listObjects`, `streamedListObjects`, `listUsers` | `POST /stores/{id}/…` | read | the store |
/// | `writeAssertions` | `PUT /stores/{id}/assertions/{model}` | write | the store |
/// | `readAssertions` | `GET /stores/{id}/assertions/{model}` | read | the store |
/// | `readAudit` | the audit endpoint | admin | the store if the query names one, else unconfined callers only |
/// | `metrics` | `GET /metrics` when protected | metrics | unconfined callers only |
public enum APIOperation: String, Sendable, Hashable, CaseIterable {
    case createStore
    case listStores
    case getStore
    case deleteStore
    case writeModel
    case readModels
    case readModel
    case write
    case read
    case readChanges
    case check
    case batchCheck
    case expand
    case listObjects
    case streamedListObjects
    case listUsers
    case writeAssertions
    case readAssertions
    case readAudit
    case metrics

    /// How an operation is confined by the caller's store list.
    public enum StoreBinding: Sendable, Hashable {
        /// Acts on the store in the path, which must be one of the caller's.
        case store
        /// Lists stores: allowed, and the result is filtered to the caller's stores.
        case listing
        /// May name a store (then it must be one of the caller's); without one it spans all
        /// stores and is refused to store-confined callers.
        case optionalStore
        /// Spans all stores: refused to store-confined callers.
        case global
    }

    /// The scope a token needs for this operation.
    public var requiredScope: Scope {
        switch self {
        case .createStore, .listStores, .deleteStore, .readAudit: .admin
        case .writeModel: .model
        case .write, .writeAssertions: .write
        case .metrics: .metrics
        case .getStore, .readModels, .readModel, .read, .readChanges, .check, .batchCheck, .expand,
            .listObjects, .streamedListObjects, .listUsers, .readAssertions:
            .read
        }
    }

    /// How the operation relates to the caller's stores.
    public var storeBinding: StoreBinding {
        switch self {
        case .createStore, .metrics: .global
        case .listStores: .listing
        case .readAudit: .optionalStore
        default: .store
        }
    }
}
