import TesseraConditions
import TesseraModel
import TesseraStore

/// Resolves checks for one request: walks the rewrite rules of the model over one
/// consistent read view, with OpenFGA's semantics.
///
/// - A repeated `object#relation@user` on the current path is a cycle: that branch is
///   false (never an error), makes an enclosing exclusion false, and is never memoised.
/// - Each hop to another `object#relation` costs one level of depth; at `maxDepth` the
///   branch fails with `authorization_model_resolution_too_complex`.
/// - `or`: true beats error; `and`: false beats error; `but not`: false if the base is
///   false or the subtracted set is true, else any error.
/// - Stored tuples that the model does not allow are ignored; tuple conditions are
///   evaluated with the request context overlaid by the tuple's own context; within one
///   read, a condition error counts only when no tuple grants access.
/// - Results are memoised for the request, so list-objects can confirm many candidates
///   cheaply with one resolver.
final class CheckResolver {
    struct Key: Hashable {
        var object: String
        var relation: String
        var user: String
    }

    let typeSystem: TypeSystem
    let reader: any TupleReader
    let context: JSONObject
    let maxDepth: Int
    let deadline: ContinuousClock.Instant?
    let conditionCostBudget: Int

    /// Where each `object#relation@user` met in this request stands: on the current path
    /// (a repeat is a cycle) or resolved (memoised). One table, so a step costs one lookup
    /// and one update instead of separate memo and path sets.
    private enum State {
        case visiting
        case allowed
        case denied
    }

    private var states: [Key: State] = [:]
    private var steps = 0

    init(
        typeSystem: TypeSystem, reader: any TupleReader, context: JSONObject, maxDepth: Int, deadline: ContinuousClock.Instant?,
        conditionCostBudget: Int = 100
    ) {
        self.conditionCostBudget = conditionCostBudget
        self.typeSystem = typeSystem
        self.reader = reader
        self.context = context
        self.maxDepth = maxDepth
        self.deadline = deadline
    }

    /// Does `user` have `relation` on `object`? The inputs must already be validated.
    func check(object: ObjectReference, relation: String, user: UserReference) throws -> CheckDecision {
        // No path in the type graph means no tuple can ever grant access (OpenFGA answers
        // false without reading).
        guard typeSystem.pathExists(from: UserKind(user), to: RelationKey(object.type, relation)) else { return .denied }
        return try resolve(object: object, relation: relation, user: user, userText: user.description, depth: 0)
    }

    // MARK: Dispatch

    func resolve(object: ObjectReference, relation: String, user: UserReference, userText: String, depth: Int) throws -> CheckDecision {
        // `document:1#viewer` is a viewer of `document:1`.
        if case .userset(let userObject, let userRelation) = user, userRelation == relation, userObject == object {
            return .allowed
        }
        if depth >= maxDepth { return .failed(.tooComplex) }
        let objectText = object.description
        let key = Key(object: objectText, relation: relation, user: userText)
        switch states[key] {
        case .allowed?: return .allowed
        case .denied?: return .denied
        case .visiting?: return .cycle
        case nil: break
        }
        try checkDeadline()
        guard let info = typeSystem.relation(object.type, relation) else {
            return .failed(EngineError(.validationError, "relation '\(object.type)#\(relation)' not found"))
        }
        states[key] = .visiting
        let decision = try evaluate(
            info.rewrite, info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth)
        // Allowed and plain denied do not depend on where the walk came from; a cycle
        // outcome does, and errors may depend on the depth left.
        switch decision {
        case .allowed: states[key] = .allowed
        case .denied: states[key] = .denied
        case .cycle, .failed: states[key] = nil
        }
        return decision
    }

    /// Throws `deadline_exceeded` once the deadline has passed (checked every 64 calls).
    func checkDeadline() throws {
        steps &+= 1
        guard let deadline, steps & 63 == 0 else { return }
        if ContinuousClock.now >= deadline {
            throw EngineError(.deadlineExceeded, "the request did not finish before its deadline")
        }
    }

    // MARK: Rewrite rules

    private func evaluate(
        _ rule: Rewrite, info: RelationInfo, object: ObjectReference, objectText: String, user: UserReference, userText: String, depth: Int
    ) throws -> CheckDecision {
        switch rule {
        case .direct:
            return try direct(info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth)
        case .computedUserset(let relation, _):
            return try resolve(object: object, relation: relation, user: user, userText: userText, depth: depth + 1)
        case .tupleToUserset(let tupleset, let computed, _):
            return try tupleToUserset(
                tupleset: tupleset, computed: computed, object: object, objectText: objectText, user: user, userText: userText, depth: depth)
        case .union(let children):
            var combined = UnionOutcome()
            for child in children {
                if combined.add(try evaluate(child, info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth)) {
                    return .allowed
                }
            }
            return combined.decision
        case .intersection(let children):
            var failure: EngineError?
            var sawCycle = false
            for child in children {
                switch try evaluate(child, info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth) {
                case .allowed: break
                case .denied: return .denied
                // A later child that is plainly false decides the intersection whatever the
                // cycle would have given, so the answer does not depend on child order.
                case .cycle: sawCycle = true
                case .failed(let error): failure = failure ?? error
                }
            }
            if sawCycle { return .cycle }
            return failure.map(CheckDecision.failed) ?? .allowed
        case .exclusion(let base, let subtract):
            let baseDecision = try evaluate(base, info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth)
            if case .denied = baseDecision { return .denied }
            let subtractDecision = try evaluate(subtract, info: info, object: object, objectText: objectText, user: user, userText: userText, depth: depth)
            switch subtractDecision {
            // Plainly excluded: false whatever the base's cycle or error would have given.
            case .allowed: return .denied
            case .cycle: return .cycle
            case .denied, .failed: break
            }
            if case .cycle = baseDecision { return .cycle }
            if case .failed(let error) = baseDecision { return .failed(error) }
            if case .failed(let error) = subtractDecision { return .failed(error) }
            return .allowed
        }
    }

    /// Direct assignment: the user's own tuple, the wildcard tuple of the user's type, or
    /// a userset tuple whose members include the user.
    private func direct(
        info: RelationInfo, object: ObjectReference, objectText: String, user: UserReference, userText: String, depth: Int
    ) throws -> CheckDecision {
        var combined = UnionOutcome()
        // The tuples read here are all on `info`'s relation: validated against it directly.
        if let tuple = try reader.tuple(object: objectText, relation: info.key.relation, user: userText),
            typeSystem.isValidStoredTuple(tuple, of: info), combined.add(conditionHolds(tuple))
        {
            return .allowed
        }
        if case .object(let userObject) = user,
            info.allowsShape(userType: Substring(userObject.type), userRelation: nil, wildcard: true),
            let tuple = try reader.tuple(object: objectText, relation: info.key.relation, user: "\(userObject.type):*"),
            typeSystem.isValidStoredTuple(tuple, of: info), combined.add(conditionHolds(tuple))
        {
            return .allowed
        }
        // No userset restriction, no valid userset tuple: skip the scan.
        guard info.directlyRelatedTypes.contains(where: { $0.relation != nil }) else { return combined.decision }
        let userKind = UserKind(user)
        try reader.forEachUsersetTuple(object: objectText, relation: info.key.relation) { tuple in
            guard case .userset(let group, let groupRelation)? = typeSystem.storedUser(of: tuple, on: info) else {
                return true
            }
            // Skip groups the user can never be a member of.
            guard typeSystem.pathExists(from: userKind, to: RelationKey(group.type, groupRelation)) else { return true }
            return try !combined.add(ifHolds(tuple) {
                try resolve(object: group, relation: groupRelation, user: user, userText: userText, depth: depth + 1)
            })
        }
        return combined.decision
    }

    /// `computed from tupleset`: the user has `computed` on some object the tupleset relates.
    private func tupleToUserset(
        tupleset: String, computed: String, object: ObjectReference, objectText: String, user: UserReference, userText: String, depth: Int
    ) throws -> CheckDecision {
        // An undefined tupleset relation has no valid tuples.
        guard let tuplesetInfo = typeSystem.relation(object.type, tupleset) else { return .denied }
        var combined = UnionOutcome()
        let userKind = UserKind(user)
        try reader.forEachTuple(object: objectText, relation: tupleset) { tuple in
            guard case .object(let parent)? = typeSystem.storedUser(of: tuple, on: tuplesetInfo) else {
                return true
            }
            // A parent type without the computed relation contributes nothing.
            let target = RelationKey(parent.type, computed)
            guard typeSystem.relation(target) != nil, typeSystem.pathExists(from: userKind, to: target) else { return true }
            return try !combined.add(ifHolds(tuple) {
                try resolve(object: parent, relation: computed, user: user, userText: userText, depth: depth + 1)
            })
        }
        return combined.decision
    }

    /// The branch behind a tuple: its condition, then `resolve` when the condition holds.
    private func ifHolds(_ tuple: TupleKey, _ resolve: () throws -> CheckDecision) rethrows -> CheckDecision {
        let condition = conditionHolds(tuple)
        guard case .allowed = condition else { return condition }
        return try resolve()
    }

    /// Accumulates the branches of an `or`, or the tuples of one read: allowed wins, then
    /// the first error, then a cycle, else denied.
    private struct UnionOutcome {
        private var allowed = false
        private var failure: EngineError?
        private var sawCycle = false

        /// Adds one branch; true when it allowed (the caller can stop).
        mutating func add(_ decision: CheckDecision) -> Bool {
            switch decision {
            case .allowed:
                allowed = true
                return true
            case .denied: break
            case .cycle: sawCycle = true
            case .failed(let error): failure = failure ?? error
            }
            return false
        }

        var decision: CheckDecision {
            if allowed { return .allowed }
            if let failure { return .failed(failure) }
            return sawCycle ? .cycle : .denied
        }
    }
}
