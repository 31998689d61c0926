/// Decides whether an authenticated caller may perform an operation: first its scopes
/// (when enforced), then its store confinement.
struct AccessPolicy: Sendable {
    let scopes: ScopeNames

    func refusal(for caller: Caller, operation: APIOperation, storeID: String?) -> AuthFailure? {
        if scopes.enforced, let granted = caller.grantedScopes {
            let needed = scopes.name(for: operation.requiredScope)
            guard granted.contains(needed) else {
                return .forbidden(.insufficientScope, requiredScope: needed, detail: "\(operation.rawValue) needs scope \(needed)")
            }
        }
        guard let allowed = caller.allowedStores else { return nil }
        switch operation.storeBinding {
        case .listing:
            return nil
        case .store, .optionalStore:
            guard let storeID else {
                if operation.storeBinding == .optionalStore {
                    return .forbidden(.confinedToStores, requiredScope: nil, detail: "\(operation.rawValue) across all stores")
                }
                return .forbidden(.foreignStore, requiredScope: nil, detail: "\(operation.rawValue) without a store id")
            }
            guard allowed.contains(storeID) else {
                return .forbidden(.foreignStore, requiredScope: nil, detail: "store \(storeID) is not among the token's stores")
            }
            return nil
        case .global:
            return .forbidden(.confinedToStores, requiredScope: nil, detail: "\(operation.rawValue) is refused to store-confined tokens")
        }
    }
}
