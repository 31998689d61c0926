public import TesseraModel
public import TesseraStore

extension Engine {
    /// Runs many checks over one read view. Identical checks are evaluated once; each
    /// item gets its own answer or error (as OpenFGA's batch check reports them).
    ///
    /// - Throws: `validation_error` for more checks than allowed, an empty or duplicate
    ///   correlation id (request-level errors).
    public func batchCheck(
        _ items: [BatchCheckItem], typeSystem: TypeSystem, reader: some TupleReader
    ) throws(EngineError) -> [String: Result<Bool, EngineError>] {
        guard !items.isEmpty else { throw EngineError(.validationError, "batchCheck needs at least one check") }
        guard items.count <= configuration.maxChecksPerBatch else {
            throw EngineError(
                .validationError, "batchCheck received \(items.count) checks, the maximum allowed is \(configuration.maxChecksPerBatch)")
        }
        var seenIDs: Set<String> = []
        for item in items {
            guard !item.correlationID.isEmpty else { throw EngineError(.validationError, "received empty correlation id for tuple: \(item.check.object)#\(item.check.relation)@\(item.check.user)") }
            guard seenIDs.insert(item.correlationID).inserted else {
                throw EngineError(.validationError, "duplicate correlation_id provided: \(item.correlationID)")
            }
        }
        let deadline = checkDeadline()  // one deadline for the whole batch
        var answers: [CheckRequest: Result<Bool, EngineError>] = [:]
        var results: [String: Result<Bool, EngineError>] = [:]
        for item in items {
            if let known = answers[item.check] {
                results[item.correlationID] = known
                continue
            }
            let answer: Result<Bool, EngineError>
            do {
                answer = .success(try check(item.check, typeSystem: typeSystem, reader: reader, deadline: deadline))
            } catch {
                answer = .failure(error)
            }
            answers[item.check] = answer
            results[item.correlationID] = answer
        }
        return results
    }

    /// One level of the userset tree of `object#relation`, with the request's contextual tuples.
    public func expand(
        object: String, relation: String, contextualTuples: [TupleKey] = [], typeSystem: TypeSystem, reader: some TupleReader
    ) throws(EngineError) -> UsersetTree {
        guard let objectReference = ObjectReference(object), !objectReference.isWildcard else {
            throw EngineError(.validationError, "invalid 'object' field format: '\(object)'")
        }
        guard typeSystem.hasType(objectReference.type) else {
            throw EngineError(.typeNotFound, "type '\(objectReference.type)' not found")
        }
        guard let info = typeSystem.relation(objectReference.type, relation) else {
            throw EngineError(.relationNotFound, "relation '\(objectReference.type)#\(relation)' not found")
        }
        let contextual = try self.contextualTuples(contextualTuples, typeSystem: typeSystem)
        return try withReader(reader, contextual: contextual) { (reader) throws(EngineError) in
            do {
                return try ExpandResolver(typeSystem: typeSystem, reader: reader, object: objectReference, relation: info).tree()
            } catch {
                throw EngineError(.internalError, "reading tuples failed: \(error)")
            }
        }
    }

    /// The objects of `request.type` the user has the relation on. Stops at the
    /// configured deadline or result limit and says so in `truncated` (for the limit, only
    /// when there is at least one object more).
    ///
    /// - Parameter emit: called for each object as it is confirmed (for the streamed
    ///   endpoint); the result still lists them all.
    public func listObjects(
        _ request: ListObjectsRequest, typeSystem: TypeSystem, reader: some TupleReader, emit: ((String) -> Void)? = nil
    ) throws(EngineError) -> ListObjectsResult {
        let (user, contextual) = try validate(request, typeSystem: typeSystem)
        let deadline = ContinuousClock.now.advanced(by: configuration.listObjectsDeadline)
        return try withReader(reader, contextual: contextual) { (reader) throws(EngineError) in
            let lister = ObjectLister(
                typeSystem: typeSystem, reader: reader,
                resolver: resolver(typeSystem: typeSystem, reader: reader, context: request.context, deadline: deadline),
                target: RelationKey(request.type, request.relation), user: user)
            let found = try collect(limit: configuration.listObjectsMaxResults, emit: emit) { try lister.run(emit: $0) }
            return ListObjectsResult(objects: found.items.sorted(), truncated: found.truncated)
        }
    }

    /// Validates a list-objects request without running it (the streamed endpoint reports
    /// request errors before it starts streaming).
    public func validate(_ request: ListObjectsRequest, typeSystem: TypeSystem) throws(EngineError) {
        _ = try validate(request, typeSystem: typeSystem) as (UserReference, TupleSet)
    }

    func validate(_ request: ListObjectsRequest, typeSystem: TypeSystem) throws(EngineError) -> (UserReference, TupleSet) {
        guard typeSystem.hasType(request.type) else { throw EngineError(.typeNotFound, "type '\(request.type)' not found") }
        guard typeSystem.relation(request.type, request.relation) != nil else {
            throw EngineError(.relationNotFound, "relation '\(request.type)#\(request.relation)' not found")
        }
        guard let user = UserReference(request.user) else {
            throw EngineError(.validationError, "the 'user' field is malformed: '\(request.user)'")
        }
        try validateUser(user, typeSystem: typeSystem, code: .validationError)
        return (user, try contextualTuples(request.contextualTuples, typeSystem: typeSystem))
    }

    /// The users of the filter's shape that have the relation on the object.
    public func listUsers(_ request: ListUsersRequest, typeSystem: TypeSystem, reader: some TupleReader) throws(EngineError) -> ListUsersResult {
        let object = request.object
        guard !object.isWildcard, IdentifierRules.isValidObjectID(object.id) else {
            throw EngineError(.validationError, "invalid 'object' field format: '\(object)'")
        }
        guard typeSystem.hasType(object.type) else { throw EngineError(.typeNotFound, "type '\(object.type)' not found") }
        guard typeSystem.relation(object.type, request.relation) != nil else {
            throw EngineError(.relationNotFound, "relation '\(object.type)#\(request.relation)' not found")
        }
        guard typeSystem.hasType(request.filter.type) else {
            throw EngineError(.typeNotFound, "type '\(request.filter.type)' not found")
        }
        if let relation = request.filter.relation, typeSystem.relation(request.filter.type, relation) == nil {
            throw EngineError(.relationNotFound, "relation '\(request.filter.type)#\(relation)' not found")
        }
        let contextual = try contextualTuples(request.contextualTuples, typeSystem: typeSystem)
        let deadline = ContinuousClock.now.advanced(by: configuration.listUsersDeadline)
        return try withReader(reader, contextual: contextual) { (reader) throws(EngineError) in
            let lister = UserLister(
                typeSystem: typeSystem, reader: reader,
                resolver: resolver(typeSystem: typeSystem, reader: reader, context: request.context, deadline: deadline),
                object: object, relation: request.relation, filter: request.filter)
            let found = try collect(limit: configuration.listUsersMaxResults) { try lister.run(emit: $0) }
            return ListUsersResult(users: found.items.sorted { $0.description < $1.description }, truncated: found.truncated)
        }
    }
}
