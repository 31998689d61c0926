import Hummingbird
import TesseraAuth

/// Which API operation a request is, and on which store: what authorization decides on.
enum OperationRoute {
    /// Classifies by method and path; `nil` for open endpoints and unknown paths (which
    /// the router answers with 404).
    static func classify(method: HTTPRequest.Method, path: String) -> (operation: APIOperation, storeID: String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts == ["metrics"], method == .get { return (.metrics, nil) }
        guard parts.first == "stores" else { return nil }
        if parts.count == 1 {
            switch method {
            case .post: return (.createStore, nil)
            case .get: return (.listStores, nil)
            default: return nil
            }
        }
        let storeID = String(parts[1])
        if parts.count == 2 {
            switch method {
            case .get: return (.getStore, storeID)
            case .delete: return (.deleteStore, storeID)
            default: return nil
            }
        }
        let operation: APIOperation?
        switch (parts.count, parts[2], method) {
        case (3, "authorization-models", .post): operation = .writeModel
        case (3, "authorization-models", .get): operation = .readModels
        case (4, "authorization-models", .get): operation = .readModel
        case (3, "write", .post): operation = .write
        case (3, "read", .post): operation = .read
        case (3, "changes", .get): operation = .readChanges
        case (3, "check", .post): operation = .check
        case (3, "batch-check", .post): operation = .batchCheck
        case (3, "expand", .post): operation = .expand
        case (3, "list-objects", .post): operation = .listObjects
        case (3, "streamed-list-objects", .post): operation = .streamedListObjects
        case (3, "list-users", .post): operation = .listUsers
        case (4, "assertions", .put): operation = .writeAssertions
        case (4, "assertions", .get): operation = .readAssertions
        case (3, "audit", .get): operation = .readAudit
        default: operation = nil
        }
        return operation.map { ($0, storeID) }
    }
}
