import TesseraConditions

/// Tuple validation against the model, as OpenFGA's `ValidateTupleForWrite` (writes and
/// contextual tuples) and `ValidateTupleForRead` (stored tuples met at query time, which
/// are silently ignored when invalid).
extension TypeSystem {
    /// True when a stored tuple is valid under this model. Called for every tuple the
    /// engine reads, so it works on substrings and allocates nothing.
    public func isValidStoredTuple(_ tuple: TupleKey) -> Bool {
        relationInfo(ofStored: tuple).map { validStoredUserParts(tuple, of: $0) != nil } ?? false
    }

    /// `isValidStoredTuple(_:)` for a tuple already known to be on `info`'s type and
    /// relation (the engine reads tuples by relation), without looking the relation up again.
    public func isValidStoredTuple(_ tuple: TupleKey, of info: RelationInfo) -> Bool {
        validStoredUserParts(tuple, of: info) != nil
    }

    /// The user of a stored tuple when the tuple is valid under this model, else `nil`.
    ///
    /// Built from the parts the validity check already split: stored and contextual tuples
    /// were validated when written, so their identifiers are not checked again on every read.
    public func storedUser(of tuple: TupleKey) -> UserReference? {
        relationInfo(ofStored: tuple).flatMap { storedUser(of: tuple, on: $0) }
    }

    /// `storedUser(of:)` for a tuple already known to be on `info`'s type and relation.
    public func storedUser(of tuple: TupleKey, on info: RelationInfo) -> UserReference? {
        guard let parts = validStoredUserParts(tuple, of: info) else { return nil }
        let object = ObjectReference(type: String(parts.type), id: String(parts.id))
        if let relation = parts.relation { return .userset(object, relation: String(relation)) }
        return parts.wildcard ? .wildcard(type: object.type) : .object(object)
    }

    private func relationInfo(ofStored tuple: TupleKey) -> RelationInfo? {
        guard let objectType = Self.typePart(of: tuple.object) else { return nil }
        return relation(String(objectType), tuple.relation)
    }

    /// The tuple's user split into parts, when the restrictions of `info` accept the tuple.
    private func validStoredUserParts(_ tuple: TupleKey, of info: RelationInfo) -> UserParts? {
        guard let user = Self.userParts(tuple.user) else { return nil }
        if info.isTupleset {
            // `X from T` reads T's tuples as objects: no wildcards, no usersets, and T must
            // be directly assigned.
            guard case .direct = info.rewrite, !user.wildcard, user.relation == nil else { return nil }
        }
        guard info.allows(userType: user.type, userRelation: user.relation, wildcard: user.wildcard, condition: tuple.condition?.name) else {
            return nil
        }
        return user
    }

    /// Validates a tuple about to be written or sent as a contextual tuple.
    ///
    /// Checks, in OpenFGA's order: the user, the object and the relation exist in the model;
    /// tupleset relations hold only objects; the type restrictions accept the user; the
    /// condition is present exactly when required and is one the restriction names; its
    /// stored context names only parameters, with values of their types.
    public func validateForWrite(_ tuple: TupleKey) throws(TupleValidationError) {
        func invalid(_ reason: String) -> TupleValidationError {
            TupleValidationError(kind: .invalidTuple, tuple: tuple, reason: reason)
        }
        // The user.
        guard let user = UserReference(tuple.user) else {
            let parts = Self.userParts(tuple.user)
            if parts == nil || tuple.user.contains("*#") {
                throw invalid("the 'user' field is malformed")
            }
            throw invalid("the 'user' field must be an object (e.g. document:1) or an 'object#relation' or a typed wildcard (e.g. group:*)")
        }
        guard hasType(user.type) else {
            throw TupleValidationError(kind: .typeNotFound(user.type), tuple: tuple, reason: "type '\(user.type)' not found")
        }
        if case .userset(let object, let userRelation) = user, relation(object.type, userRelation) == nil {
            throw TupleValidationError(
                kind: .relationNotFound(type: object.type, relation: userRelation), tuple: tuple,
                reason: "relation '\(object.type)#\(userRelation)' not found")
        }
        // The object.
        guard let object = ObjectReference(tuple.object) else { throw invalid("invalid 'object' field format") }
        guard !object.isWildcard else { throw invalid("the 'object' field cannot reference a typed wildcard") }
        guard hasType(object.type) else {
            throw TupleValidationError(kind: .typeNotFound(object.type), tuple: tuple, reason: "type '\(object.type)' not found")
        }
        // The relation.
        guard IdentifierRules.isValidRelationName(tuple.relation) else { throw invalid("the 'relation' field is malformed") }
        guard let info = relation(object.type, tuple.relation) else {
            throw TupleValidationError(
                kind: .relationNotFound(type: object.type, relation: tuple.relation), tuple: tuple,
                reason: "relation '\(object.type)#\(tuple.relation)' not found")
        }
        let target = "'\(object.type)#\(tuple.relation)'"
        // Tupleset relations.
        if info.isTupleset {
            guard case .direct = info.rewrite else { throw invalid("unexpected rewrite encountered with tupleset relation \(target)") }
            if user.isWildcard { throw invalid("unexpected wildcard relationship with tupleset relation \(target)") }
            if user.relation != nil { throw invalid("unexpected user '\(tuple.user)' with tupleset relation \(target)") }
        }
        // Type restrictions.
        let userType = Substring(user.type)
        let userRelation = user.relation.map { Substring($0) }
        guard info.allowsShape(userType: userType, userRelation: userRelation, wildcard: user.isWildcard) else {
            switch user {
            case .userset(let object, let relation):
                throw invalid("'\(object.type)#\(relation)' is not an allowed type restriction for \(target)")
            case .wildcard:
                throw invalid("the typed wildcard '\(tuple.user)' is not an allowed type restriction for \(target)")
            case .object(let object):
                throw invalid("type '\(object.type)' is not an allowed type restriction for \(target)")
            }
        }
        // Conditions.
        guard let condition = tuple.condition else {
            guard info.allows(userType: userType, userRelation: userRelation, wildcard: user.isWildcard, condition: nil) else {
                throw invalid("condition is missing")
            }
            return
        }
        guard model.condition(named: condition.name) != nil else { throw invalid("undefined condition") }
        guard info.allows(userType: userType, userRelation: userRelation, wildcard: user.isWildcard, condition: condition.name) else {
            throw invalid("invalid condition for type restriction")
        }
        if case .success(let compiled)? = compiledCondition(named: condition.name) {
            do {
                try compiled.validateStoredContext(condition.context)
            } catch {
                throw invalid(error.message)
            }
        }
    }

    // MARK: Parsing without allocation

    /// The user string's parts: type, relation of a userset, wildcard flag. `nil` when malformed.
    public struct UserParts {
        public var type: Substring
        public var id: Substring
        public var relation: Substring?
        public var wildcard: Bool
    }

    /// Splits `type:id`, `type:*` or `type:id#relation`; `nil` when there is no `:`.
    public static func userParts(_ user: String) -> UserParts? {
        guard let colon = IdentifierRules.firstIndex(of: ":", in: user) else { return nil }
        let type = user[..<colon]
        let rest = user[user.utf8.index(after: colon)...]
        if let hash = IdentifierRules.firstIndex(of: "#", in: rest) {
            return UserParts(type: type, id: rest[..<hash], relation: rest[rest.utf8.index(after: hash)...], wildcard: false)
        }
        return UserParts(type: type, id: rest, relation: nil, wildcard: rest == "*")
    }

    /// The `type` of `type:id`; `nil` when there is no `:`.
    public static func typePart(of object: String) -> Substring? {
        IdentifierRules.firstIndex(of: ":", in: object).map { object[..<$0] }
    }
}
