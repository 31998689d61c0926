import Hummingbird
import TesseraAuth
import TesseraConditions
import TesseraStore

/// Registers OpenFGA's v1 endpoints on a router.
struct APIRoutes<Store: Datastore, Context: TesseraRequestContextProtocol> {
    let api: TesseraAPI<Store>

    /// Who asks, for the journal and the audit log: never the token, at most its SHA-256.
    func caller(_ context: Context) -> CallerContext {
        let caller = context.caller
        return CallerContext(
            identity: caller?.auditIdentity ?? "", requestID: context.requestID, subject: caller?.subject, clientID: caller?.clientID,
            issuer: caller?.issuer, tokenSHA256: caller?.tokenSHA256, sourceAddress: context.sourceAddress.isEmpty ? nil : context.sourceAddress)
    }

    func register(on router: Router<Context>) {
        let limit = api.limits.maxRequestBytes
        let stores = router.group("stores")
        stores.post { request, context in
            try await api.createStore(body: request.wireBody(limit: limit), caller: caller(context)).response()
        }
        stores.get { request, context in
            let query = request.query
            return try api.listStores(
                name: query.string("name"), pageSize: query.pageSize(), continuationToken: query.continuationToken(),
                visible: context.caller?.allowedStores
            ).response()
        }
        stores.get(":store_id") { _, context in
            try api.getStore(id: context.ulidParameter("store_id")).response()
        }
        stores.delete(":store_id") { _, context in
            try await api.deleteStore(id: context.ulidParameter("store_id"), caller: caller(context)).response()
        }

        // Models
        stores.post(":store_id/authorization-models") { request, context in
            let storeID = try context.ulidParameter("store_id")
            let body = try await request.wireBody(limit: limit)
            return try await api.writeModel(
                storeID: storeID, body: .object(body.members), bodyBytes: request.headers[.contentLength].flatMap { Int($0) } ?? 0,
                caller: caller(context)
            ).response()
        }
        stores.get(":store_id/authorization-models") { request, context in
            let query = request.query
            return try api.readModels(
                storeID: context.ulidParameter("store_id"), pageSize: query.pageSize(), continuationToken: query.continuationToken()
            ).response()
        }
        stores.get(":store_id/authorization-models/:id") { _, context in
            try api.readModel(storeID: context.ulidParameter("store_id"), id: context.parameters.get("id") ?? "").response()
        }

        // Tuples
        stores.post(":store_id/write") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.write(storeID: storeID, body: request.wireBody(limit: limit), caller: caller(context)).response()
        }
        stores.post(":store_id/read") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.read(storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken()).response()
        }
        stores.get(":store_id/audit") { request, context in
            let query = request.query
            return try api.readAudit(
                storeID: context.ulidParameter("store_id"), filters: query.auditFilters(), pageSize: query.pageSize(),
                continuationToken: query.continuationToken()
            ).response()
        }
        stores.get(":store_id/changes") { request, context in
            let query = request.query
            return try api.readChanges(
                storeID: context.ulidParameter("store_id"), type: query.string("type"), pageSize: query.pageSize(),
                continuationToken: query.continuationToken(), startTime: query.startTime()
            ).response()
        }

        // Queries
        stores.post(":store_id/check") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.check(
                storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken(), caller: caller(context)
            ).response()
        }
        stores.post(":store_id/batch-check") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.batchCheck(
                storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken(), caller: caller(context)
            ).response()
        }
        stores.post(":store_id/expand") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.expand(storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken()).response()
        }
        stores.post(":store_id/list-objects") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.listObjects(storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken())
                .response()
        }
        stores.post(":store_id/streamed-list-objects") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.streamedListObjects(
                storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken(), logger: context.logger)
        }
        stores.post(":store_id/list-users") { request, context in
            let storeID = try context.ulidParameter("store_id")
            return try await api.listUsers(storeID: storeID, body: request.wireBody(limit: limit), token: request.consistencyToken())
                .response()
        }

        // Assertions
        stores.put(":store_id/assertions/:model_id") { request, context in
            let storeID = try context.ulidParameter("store_id")
            let modelID = try context.ulidParameter("model_id")
            return try await api.writeAssertions(
                storeID: storeID, modelID: modelID, body: request.wireBody(limit: limit), caller: caller(context)
            ).response()
        }
        stores.get(":store_id/assertions/:model_id") { _, context in
            try api.readAssertions(storeID: context.ulidParameter("store_id"), modelID: context.ulidParameter("model_id")).response()
        }
    }
}
