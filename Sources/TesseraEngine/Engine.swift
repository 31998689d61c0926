import TesseraConditions
public import TesseraModel
public import TesseraStore

/// Answers authorization queries — check, batch check, expand, list objects, list users —
/// over one model (`TypeSystem`) and one consistent read view of a store (`TupleReader`).
///
/// The engine validates each request the way OpenFGA does (unknown types and relations,
/// malformed users, invalid contextual tuples), presents contextual tuples over the
/// stored ones, and evaluates synchronously: a check is pure computation plus reads from
/// a memory-mapped snapshot, cheaper than a task switch.
public struct Engine: Sendable {
    public var configuration: EngineConfiguration

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }

    /// May the request's user have the relation on the object?
    public func check(_ request: CheckRequest, typeSystem: TypeSystem, reader: some TupleReader) throws(EngineError) -> Bool {
        try check(request, typeSystem: typeSystem, reader: reader, deadline: checkDeadline())
    }

    /// When a check begun now must end, per `checkDeadline`.
    func checkDeadline() -> ContinuousClock.Instant? {
        configuration.checkDeadline.map { ContinuousClock.now.advanced(by: $0) }
    }

    func check(
        _ request: CheckRequest, typeSystem: TypeSystem, reader: some TupleReader, deadline: ContinuousClock.Instant?
    ) throws(EngineError) -> Bool {
        let query = try validateCheck(request, typeSystem: typeSystem)
        let contextual = try contextualTuples(request.contextualTuples, typeSystem: typeSystem)
        return try withReader(reader, contextual: contextual) { (reader) throws(EngineError) in
            let resolver = resolver(typeSystem: typeSystem, reader: reader, context: request.context, deadline: deadline)
            return try run { try resolver.check(object: query.object, relation: request.relation, user: query.user) }
        }
    }

    /// Validates a check request without running it (assertions are validated this way
    /// when they are written).
    public func validate(_ request: CheckRequest, typeSystem: TypeSystem) throws(EngineError) {
        _ = try validateCheck(request, typeSystem: typeSystem)
        _ = try contextualTuples(request.contextualTuples, typeSystem: typeSystem)
    }

    // MARK: Shared request handling

    struct CheckQuery {
        var object: ObjectReference
        var user: UserReference
    }

    /// Check's validation: a well-formed tuple key whose types and relations exist
    /// (`validation_error` otherwise, as OpenFGA's check reports them).
    func validateCheck(_ request: CheckRequest, typeSystem: TypeSystem) throws(EngineError) -> CheckQuery {
        guard let object = ObjectReference(request.object), !object.isWildcard else {
            throw EngineError(.validationError, "invalid 'object' field format: '\(request.object)'")
        }
        guard IdentifierRules.isValidRelationName(request.relation) else {
            throw EngineError(.validationError, "invalid 'relation' field: '\(request.relation)'")
        }
        guard let user = UserReference(request.user) else {
            throw EngineError(.validationError, "the 'user' field is malformed: '\(request.user)'")
        }
        guard typeSystem.hasType(object.type) else {
            throw EngineError(.validationError, "type '\(object.type)' not found")
        }
        guard typeSystem.relation(object.type, request.relation) != nil else {
            throw EngineError(.validationError, "relation '\(object.type)#\(request.relation)' not found")
        }
        try validateUser(user, typeSystem: typeSystem, code: .validationError)
        return CheckQuery(object: object, user: user)
    }

    /// The user's type (and a userset's relation) must exist in the model.
    func validateUser(_ user: UserReference, typeSystem: TypeSystem, code: EngineError.Code) throws(EngineError) {
        guard typeSystem.hasType(user.type) else {
            throw EngineError(code, "type '\(user.type)' not found")
        }
        if case .userset(let object, let relation) = user, typeSystem.relation(object.type, relation) == nil {
            throw EngineError(code, "relation '\(object.type)#\(relation)' not found")
        }
    }

    /// Validates contextual tuples as writes (`invalid_tuple` otherwise) and indexes them.
    func contextualTuples(_ tuples: [TupleKey], typeSystem: TypeSystem) throws(EngineError) -> TupleSet {
        guard tuples.count <= configuration.maxContextualTuples else {
            throw EngineError(
                .validationError,
                "the number of contextual tuples (\(tuples.count)) exceeds the limit of \(configuration.maxContextualTuples)")
        }
        var set = TupleSet()
        for tuple in tuples {
            do {
                try typeSystem.validateForWrite(tuple)
            } catch {
                throw EngineError(.invalidTuple, error.description)
            }
            set.insert(tuple)
        }
        return set
    }

    /// A resolver for one query under the configured limits.
    func resolver(
        typeSystem: TypeSystem, reader: any TupleReader, context: JSONObject, deadline: ContinuousClock.Instant?
    ) -> CheckResolver {
        CheckResolver(
            typeSystem: typeSystem, reader: reader, context: context, maxDepth: configuration.maxResolutionDepth, deadline: deadline,
            conditionCostBudget: max(100, configuration.maxConditionEvaluationCost))
    }

    /// Collects what a lister finds, at most `limit` items (0: no limit). The result is
    /// truncated when the deadline passes, or when one more item exists beyond the limit;
    /// the lister's evaluation error counts only when the result is not already complete
    /// (OpenFGA).
    func collect<Item>(
        limit: Int, emit: ((Item) -> Void)? = nil, _ run: (_ found: (Item) throws -> Bool) throws -> EngineError?
    ) throws(EngineError) -> (items: [Item], truncated: Bool) {
        var items: [Item] = []
        var truncated = false
        let failure: EngineError?
        do {
            failure = try run { item in
                if limit > 0, items.count >= limit {
                    truncated = true
                    return false
                }
                items.append(item)
                emit?(item)
                return true
            }
        } catch let error as EngineError where error.code == .deadlineExceeded {
            return (items, true)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.internalError, "reading tuples failed: \(error)")
        }
        if let failure, !(limit > 0 && items.count >= limit) { throw failure }
        return (items, truncated)
    }

    /// Runs `body` on the stored tuples alone, or with the contextual tuples over them.
    func withReader<Result>(
        _ base: any TupleReader, contextual: TupleSet, _ body: (any TupleReader) throws(EngineError) -> Result
    ) throws(EngineError) -> Result {
        if contextual.isEmpty { return try body(base) }
        return try body(OverlayTupleReader(contextual: contextual, base: base))
    }

    /// Turns a resolver outcome into the API's answer: failures and storage errors become
    /// `EngineError`s.
    func run(_ body: () throws -> CheckDecision) throws(EngineError) -> Bool {
        do {
            switch try body() {
            case .allowed: return true
            case .denied, .cycle: return false
            case .failed(let error): throw error
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(.internalError, "reading tuples failed: \(error)")
        }
    }
}
