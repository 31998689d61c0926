import Foundation
import Hummingbird
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

extension TesseraAPI {
    func createStore(body: WireObject, caller: CallerContext) async throws -> APIResponse {
        let name = try body.string("name") ?? ""
        let record = try await datastore.createStore(name: name, caller: caller)
        return APIResponse(status: .created, body: WireEncoding.store(record))
    }

    func getStore(id: String) throws -> APIResponse {
        APIResponse(body: WireEncoding.store(try datastore.store(id: id), includeDeletedAt: true))
    }

    /// - Parameter visible: the stores the caller may see (`nil`: all), for tokens
    ///   confined to some stores.
    func listStores(name: String?, pageSize: Int?, continuationToken: String?, visible: Set<String>? = nil) throws -> APIResponse {
        let page = try datastore.listStores(name: name, pageSize: pageSize, continuationToken: continuationToken)
        let stores = page.items.filter { visible?.contains($0.id) ?? true }
        return APIResponse(body: .object([
            "stores": .array(stores.map { WireEncoding.store($0) }),
            "continuation_token": .string(page.continuationToken),
        ]))
    }

    func deleteStore(id: String, caller: CallerContext) async throws -> APIResponse {
        try await datastore.deleteStore(id: id, caller: caller)
        return APIResponse(status: .noContent, body: nil)
    }

    // MARK: Models

    /// Validates a model with the server's rules (what OpenFGA's WriteAuthorizationModel
    /// accepts) and stores it.
    func writeModel(storeID: String, body: JSONValue, bodyBytes: Int, caller: CallerContext) async throws -> APIResponse {
        guard bodyBytes <= limits.maxModelBytes else {
            throw APIError.validation("the authorization model is \(bodyBytes) bytes; the limit is \(limits.maxModelBytes)")
        }
        var json = body
        if case .object(var members) = json, (members["schema_version"] ?? .null) == .null || members["schema_version"] == .string("") {
            // An empty schema version means 1.1 (OpenFGA fills it in).
            if (members["schemaVersion"] ?? .null) == .null {
                members["schema_version"] = .string("1.1")
                json = .object(members)
            }
        }
        let model: AuthorizationModel
        do {
            model = try AuthorizationModel(jsonValue: json)
        } catch {
            throw APIError(error)
        }
        guard model.typeDefinitions.count <= limits.maxTypesPerModel else {
            throw APIError(
                status: .badRequest, code: "exceeded_entity_limit",
                message: "the number of type definitions in an authorization model exceeds the allowed limit of \(limits.maxTypesPerModel)")
        }
        let problems = ModelValidator.validate(model, level: .server) + TypeSystem.conditionDiagnostics(for: model)
        guard problems.isEmpty else { throw APIError(ModelError(problems)) }
        let id = try await datastore.writeModel(storeID: storeID, model: model, caller: caller)
        return APIResponse(status: .created, body: .object(["authorization_model_id": .string(id)]))
    }

    func readModel(storeID: String, id: String) throws -> APIResponse {
        guard ULIDText.isValid(id) else { throw APIError.validation("invalid 'id': value does not match regex pattern \"^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$\"") }
        let model = try datastore.model(storeID: storeID, id: id)
        return APIResponse(body: .object(["authorization_model": model.jsonValue(emitUnpopulated: true)]))
    }

    func readModels(storeID: String, pageSize: Int?, continuationToken: String?) throws -> APIResponse {
        let page = try datastore.listModels(storeID: storeID, pageSize: pageSize, continuationToken: continuationToken)
        return APIResponse(body: .object([
            "authorization_models": .array(page.items.map { $0.jsonValue(emitUnpopulated: true) }),
            "continuation_token": .string(page.continuationToken),
        ]))
    }

    // MARK: Assertions

    func writeAssertions(storeID: String, modelID: String, body: WireObject, caller: CallerContext) async throws -> APIResponse {
        guard ULIDText.isValid(modelID) else { throw APIError.validation("invalid 'authorization_model_id'") }
        let request = try AssertionsBody(wire: body)
        let typeSystem = try self.typeSystem(storeID: storeID, modelID: modelID)
        for assertion in request.assertions {
            let key = assertion.tupleKey
            try engine.validate(
                CheckRequest(object: key.object, relation: key.relation, user: key.user, contextualTuples: assertion.contextualTuples),
                typeSystem: typeSystem)
        }
        try await datastore.writeAssertions(storeID: storeID, modelID: modelID, assertions: request.assertions, caller: caller)
        return APIResponse(status: .noContent, body: nil)
    }

    func readAssertions(storeID: String, modelID: String) throws -> APIResponse {
        guard ULIDText.isValid(modelID) else { throw APIError.validation("invalid 'authorization_model_id'") }
        _ = try datastore.model(storeID: storeID, id: modelID)
        let assertions = try datastore.assertions(storeID: storeID, modelID: modelID)
        return APIResponse(body: .object([
            "authorization_model_id": .string(modelID),
            "assertions": .array(assertions.map(WireEncoding.assertion)),
        ]))
    }

    // MARK: Tuples

    /// Validates the writes against the model (OpenFGA's order: writes against the model,
    /// deletes for syntax only) and applies the request in one transaction.
    func write(storeID: String, body: WireObject, caller: CallerContext) async throws -> APIResponse {
        let request = try WriteBody(wire: body, maxTuples: limits.maxTuplesPerWrite)
        guard !request.writes.isEmpty || !request.deletes.isEmpty else {
            throw APIError(
                status: .badRequest, code: "invalid_write_input",
                message: "Invalid input. Make sure you provide at least one write, or at least one delete")
        }
        let typeSystem = try self.typeSystem(storeID: storeID, modelID: request.modelID)
        for tuple in request.writes {
            do {
                try typeSystem.validateForWrite(tuple)
            } catch {
                throw APIError.validation(error.description)
            }
            if let condition = tuple.condition {
                let size = JSONValue.object(condition.context).canonicalText.utf8.count
                guard size <= limits.maxConditionContextBytes else {
                    throw APIError.validation(
                        "Invalid tuple '\(tuple)'. Reason: the condition context is \(size) bytes; the limit is \(limits.maxConditionContextBytes)")
                }
            }
        }
        for tuple in request.deletes where UserReference(tuple.user) == nil || ObjectReference(tuple.object) == nil {
            throw APIError.validation("Invalid tuple '\(tuple)'. Reason: the 'user' or 'object' field is malformed")
        }
        var caller = caller
        caller.modelID = typeSystem.model.id  // the audit log names the model the writes were validated against
        let token = try await datastore.write(
            storeID: storeID, writes: request.writes, deletes: request.deletes, options: request.options, caller: caller)
        return APIResponse(
            body: .object([:]),
            headers: [APIResponse.consistencyTokenHeader: token.encoded, APIResponse.modelIDHeader: typeSystem.model.id ?? ""])
    }

    func read(storeID: String, body: WireObject, token: ConsistencyToken?) throws -> APIResponse {
        let request = try ReadBody(wire: body)
        if let token { _ = try datastore.withSnapshot(storeID: storeID, atLeast: token) { _ in true } }
        let page = try datastore.read(storeID: storeID, filter: request.filter, pageSize: request.pageSize, continuationToken: request.continuationToken)
        return APIResponse(body: .object([
            "tuples": .array(page.items.map(WireEncoding.tuple)),
            "continuation_token": .string(page.continuationToken),
        ]))
    }

    func readChanges(storeID: String, type: String?, pageSize: Int?, continuationToken: String?, startTime: Date?) throws -> APIResponse {
        let page = try datastore.readChanges(
            storeID: storeID, objectType: type, startTime: startTime, pageSize: pageSize, continuationToken: continuationToken)
        return APIResponse(body: .object([
            "changes": .array(page.items.map(WireEncoding.change)),
            "continuation_token": .string(page.continuationToken),
        ]))
    }
}
