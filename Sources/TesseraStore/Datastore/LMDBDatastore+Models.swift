public import TesseraModel

extension LMDBDatastore {
    public func writeModel(storeID: String, model: AuthorizationModel, caller: CallerContext) async throws -> String {
        let id = ulids.next()
        var stored = model
        stored.id = id
        let json = Array(stored.jsonText().utf8)
        _ = try await perform { context in
            let databases = context.databases
            let store = try Self.storedStoreNumber(storeID, in: context.txn, databases: databases)
            try context.txn.put(databases.models, KeyLayout.model(store: store, id: id), json)
            try context.journal(storeID: storeID, caller: caller, .modelWritten(modelID: id))
        }
        return id
    }

    public func model(storeID: String, id: String) throws -> AuthorizationModel {
        try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            guard ULIDGenerator.isValid(id) else { throw StoreError.modelNotFound(id) }
            return try txn.withValue(environment.databases.models, KeyLayout.model(store: store, id: id)) { value in
                guard let value else { throw StoreError.modelNotFound(id) }
                return try Self.decodeModel(value, id: id)
            }
        }
    }

    public func latestModel(storeID: String) throws -> AuthorizationModel {
        try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            var latest: AuthorizationModel?
            try txn.scanBackward(environment.databases.models, prefix: KeyLayout.store(store)) { key, value in
                latest = try Self.decodeModel(value, id: Self.modelID(key))
                return false
            }
            guard let latest else {
                throw StoreError.noModels(storeID)
            }
            return latest
        }
    }

    public func latestModelID(storeID: String) throws -> String {
        try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            var latest: String?
            try txn.scanBackward(environment.databases.models, prefix: KeyLayout.store(store)) { key, _ in
                latest = Self.modelID(key)
                return false
            }
            guard let latest else {
                throw StoreError.noModels(storeID)
            }
            return latest
        }
    }

    public func listModels(storeID: String, pageSize: Int?, continuationToken: String?) throws -> Page<AuthorizationModel> {
        let size = try Self.pageSize(pageSize)
        return try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            let fingerprint = ContinuationTokenCodec.fingerprint("models")
            var before: [UInt8]?
            if let continuationToken, !continuationToken.isEmpty {
                let position = try tokens.decode(continuationToken, kind: .models, store: store)
                guard position.fingerprint == fingerprint, position.bytes.count == KeyLayout.ulidBytes else {
                    throw StoreError.invalidContinuationToken()
                }
                before = KeyLayout.store(store) + position.bytes
            }
            var models: [AuthorizationModel] = []
            var lastID: [UInt8] = []
            var more = false
            try txn.scanBackward(environment.databases.models, prefix: KeyLayout.store(store), before: before) { key, value in
                if models.count == size {
                    more = true
                    return false
                }
                let id = Self.modelID(key)
                models.append(try Self.decodeModel(value, id: id))
                lastID = Array(id.utf8)
                return true
            }
            let token = more ? tokens.encode(kind: .models, store: store, fingerprint: fingerprint, position: lastID) : ""
            return Page(items: models, continuationToken: token)
        }
    }

    public func writeAssertions(storeID: String, modelID: String, assertions: [Assertion], caller: CallerContext) async throws {
        let encoded = Assertion.encode(assertions)
        _ = try await perform { context in
            let databases = context.databases
            let store = try Self.storedStoreNumber(storeID, in: context.txn, databases: databases)
            guard ULIDGenerator.isValid(modelID), try context.txn.contains(databases.models, KeyLayout.model(store: store, id: modelID)) else {
                throw StoreError.modelNotFound(modelID)
            }
            try context.txn.put(databases.assertions, KeyLayout.model(store: store, id: modelID), encoded)
            try context.journal(storeID: storeID, caller: caller, .assertionsWritten(modelID: modelID))
        }
    }

    public func assertions(storeID: String, modelID: String) throws -> [Assertion] {
        try withReader { txn in
            let store = try storeNumber(storeID, in: txn)
            guard ULIDGenerator.isValid(modelID) else { return [] }
            return try txn.withValue(environment.databases.assertions, KeyLayout.model(store: store, id: modelID)) { value in
                try value.map { try Assertion.decode($0) } ?? []
            }
        }
    }

    static func modelID(_ key: UnsafeRawBufferPointer) -> String {
        String(decoding: key.dropFirst(KeyLayout.storeBytes), as: UTF8.self)
    }

    static func decodeModel(_ bytes: UnsafeRawBufferPointer, id: String) throws -> AuthorizationModel {
        do {
            var model = try AuthorizationModel(json: bytes)
            model.id = id
            return model
        } catch {
            throw StoreError.corrupt("model \(id): \(error)")
        }
    }
}
