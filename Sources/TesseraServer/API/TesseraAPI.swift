import Foundation
import Hummingbird
public import TesseraAudit
public import TesseraEngine
import TesseraConditions
import TesseraModel
public import TesseraStore

/// Tessera's API operations, independent of HTTP: each takes a parsed request body and
/// returns OpenFGA's response shape. Routes are thin adapters around it, and tests can call
/// it directly.
public final class TesseraAPI<Store: Datastore>: Sendable {
    public let datastore: Store
    public let engine: Engine
    public let limits: APILimits
    let metrics: ServerMetrics
    let typeSystems = TypeSystemCache()
    /// The audit log `GET /stores/{id}/audit` reads; nil when auditing is off.
    public let auditLog: AuditLog?
    /// Records check decisions; nil when none are recorded (`--audit-decisions none`, the
    /// default, or `--audit off`), so a check pays one branch and nothing else.
    let decisionRecorder: DecisionRecorder?

    /// - Parameters:
    ///   - metrics: where check outcomes and store sizes are counted.
    ///   - auditLog: the server's audit log (nil: auditing is off).
    ///   - decisions: which check decisions go into `auditLog`.
    public init(
        datastore: Store, engine: Engine = Engine(), limits: APILimits = APILimits(), metrics: ServerMetrics = ServerMetrics(),
        auditLog: AuditLog? = nil, decisions: AuditDecisionPolicy = .none
    ) {
        self.datastore = datastore
        self.engine = engine
        self.limits = limits
        self.metrics = metrics
        self.auditLog = auditLog
        decisionRecorder = DecisionRecorder(log: auditLog, policy: decisions)
    }

    /// The type system of the model a request names, or of the store's latest model. Only
    /// the latest model's id is looked up per request; a model is decoded once per id.
    func typeSystem(storeID: String, modelID: String?) throws -> TypeSystem {
        let id = try modelID ?? datastore.latestModelID(storeID: storeID)
        return try typeSystems.typeSystem(storeID: storeID, modelID: id) { try datastore.model(storeID: storeID, id: id) }
    }

    /// Runs `body` on one snapshot of the store with the request's model.
    func query<T>(
        storeID: String, options: QueryOptions, token: ConsistencyToken?,
        _ body: (TypeSystem, Store.Snapshot) throws -> T
    ) throws -> (T, modelID: String) {
        let typeSystem = try self.typeSystem(storeID: storeID, modelID: options.modelID)
        let result = try datastore.withSnapshot(storeID: storeID, atLeast: token) { snapshot in try body(typeSystem, snapshot) }
        return (result, typeSystem.model.id ?? "")
    }

    // MARK: Queries

    /// - Parameter caller: evaluated only when the decision is audited.
    func check(storeID: String, body: WireObject, token: ConsistencyToken?, caller: @autoclosure () -> CallerContext) throws -> APIResponse {
        let request = try CheckBody(wire: body)
        let allowed: Bool
        let modelID: String
        do {
            (allowed, modelID) = try query(storeID: storeID, options: request.options, token: token) { typeSystem, snapshot in
                try engine.check(request.check, typeSystem: typeSystem, reader: snapshot)
            }
        } catch {
            metrics.checks.record(.error)
            throw error
        }
        metrics.checks.record(allowed ? .allowed : .denied)
        if let decisionRecorder { decisionRecorder.record(request.check, allowed: allowed, storeID: storeID, modelID: modelID, caller: caller()) }
        return APIResponse(body: .object(["allowed": .bool(allowed), "resolution": .string("")]), headers: [APIResponse.modelIDHeader: modelID])
    }

    /// - Parameter caller: evaluated only when decisions are audited.
    func batchCheck(storeID: String, body: WireObject, token: ConsistencyToken?, caller: @autoclosure () -> CallerContext) throws -> APIResponse {
        let request = try BatchCheckBody(wire: body)
        let (results, modelID) = try query(storeID: storeID, options: request.options, token: token) { typeSystem, snapshot in
            try engine.batchCheck(request.items, typeSystem: typeSystem, reader: snapshot)
        }
        if let decisionRecorder { decisionRecorder.record(request.items, results: results, storeID: storeID, modelID: modelID, caller: caller()) }
        var members: JSONObject = [:]
        for (id, result) in results {
            switch result {
            case .success(let allowed):
                metrics.batchChecks.record(allowed ? .allowed : .denied)
                members[id] = .object(["allowed": .bool(allowed)])
            case .failure(let error):
                metrics.batchChecks.record(.error)
                let key = error.code == .internalError || error.code == .deadlineExceeded ? "internal_error" : "input_error"
                let message = error.code == .internalError ? "Internal Server Error" : error.message
                // OpenFGA's BatchCheckSingleResult is a oneof: a failed check has `error` only.
                members[id] = .object(["error": .object([key: .string(error.code.rawValue), "message": .string(message)])])
            }
        }
        return APIResponse(body: .object(["result": .object(members)]), headers: [APIResponse.modelIDHeader: modelID])
    }

    func expand(storeID: String, body: WireObject, token: ConsistencyToken?) throws -> APIResponse {
        let request = try ExpandBody(wire: body)
        let (tree, modelID) = try query(storeID: storeID, options: request.options, token: token) { typeSystem, snapshot in
            try engine.expand(
                object: request.object, relation: request.relation, contextualTuples: request.contextualTuples,
                typeSystem: typeSystem, reader: snapshot)
        }
        return APIResponse(body: .object(["tree": .object(["root": tree.wireValue])]), headers: [APIResponse.modelIDHeader: modelID])
    }

    func listObjects(storeID: String, body: WireObject, token: ConsistencyToken?) throws -> APIResponse {
        let request = try ListObjectsBody(wire: body)
        let (result, modelID) = try query(storeID: storeID, options: request.options, token: token) { typeSystem, snapshot in
            try engine.listObjects(request.request, typeSystem: typeSystem, reader: snapshot)
        }
        var headers: HTTPFields = [APIResponse.modelIDHeader: modelID]
        if result.truncated { headers[APIResponse.truncatedHeader] = "true" }
        return APIResponse(body: .object(["objects": .array(result.objects.map(JSONValue.string))]), headers: headers)
    }

    func listUsers(storeID: String, body: WireObject, token: ConsistencyToken?) throws -> APIResponse {
        let request = try ListUsersBody(wire: body)
        let (result, modelID) = try query(storeID: storeID, options: request.options, token: token) { typeSystem, snapshot in
            try engine.listUsers(request.request, typeSystem: typeSystem, reader: snapshot)
        }
        var headers: HTTPFields = [APIResponse.modelIDHeader: modelID]
        if result.truncated { headers[APIResponse.truncatedHeader] = "true" }
        return APIResponse(body: .object(["users": .array(result.users.map(\.wireValue))]), headers: headers)
    }
}
