import TesseraModel
import TesseraStore

/// List objects by reverse expansion: starting from the user, follow the model's edges
/// backwards through the reverse index (direct tuples, usersets, computed relations,
/// tuple-to-userset) to every `object#relation` the user may hold, then confirm each
/// candidate of the requested type with a check.
///
/// The expansion over-approximates (it ignores the subtracted side of exclusions and follows
/// every child of an intersection) but evaluates the conditions of the tuples it follows;
/// the confirming checks share one resolver, so common sub-results are computed once.
struct ObjectLister {
    struct Fact: Hashable {
        var object: String
        var relation: String
    }

    let typeSystem: TypeSystem
    let reader: any TupleReader
    let resolver: CheckResolver
    let target: RelationKey
    let user: UserReference

    /// Calls `emit` for each object found, in discovery order, until it returns false.
    /// Returns the first evaluation error met, which the caller reports when the result was
    /// not cut short.
    func run(emit: (String) throws -> Bool) throws -> EngineError? {
        var seen: Set<Fact> = []
        var queue: [Fact] = []
        var head = 0
        var confirmed: Set<String> = []
        var firstError: EngineError?

        func enqueue(_ fact: Fact) {
            if seen.insert(fact).inserted { queue.append(fact) }
        }
        /// Follows a tuple when it is valid and its condition holds; a condition that cannot
        /// be evaluated is remembered (OpenFGA fails the request on it unless the result is
        /// already complete).
        func follow(_ tuple: TupleKey, to fact: Fact) {
            guard typeSystem.isValidStoredTuple(tuple) else { return }
            switch resolver.conditionHolds(tuple) {
            case .allowed: enqueue(fact)
            case .failed(let error): firstError = firstError ?? error
            case .denied, .cycle: break
            }
        }
        /// True when facts about `key` can lead to the target. The walk only follows such
        /// edges, as OpenFGA's reverse expansion does: a tuple of an unrelated relation is
        /// never read, so its condition can neither fail the request nor cost time.
        func leadsToTarget(_ key: RelationKey) -> Bool {
            typeSystem.pathExists(from: .userset(key), to: target)
        }
        func reverse(user: String, into key: RelationKey) throws {
            guard leadsToTarget(key) else { return }
            try reader.forEachTuple(user: user, relation: key.relation, objectType: key.type) { tuple in
                follow(tuple, to: Fact(object: tuple.object, relation: key.relation))
                return true
            }
        }

        // Seeds: the user's own tuples, its type's wildcard tuples, or the userset itself.
        switch user {
        case .object(let object):
            for key in typeSystem.relationsAssignable(to: .object(type: object.type)) {
                try reverse(user: object.description, into: key)
            }
            for key in typeSystem.relationsAssignable(to: .wildcard(type: object.type)) {
                try reverse(user: "\(object.type):*", into: key)
            }
        case .wildcard(let type):
            for key in typeSystem.relationsAssignable(to: .wildcard(type: type)) {
                try reverse(user: "\(type):*", into: key)
            }
        case .userset(let object, let relation):
            enqueue(Fact(object: object.description, relation: relation))
        }

        while head < queue.count {
            let fact = queue[head]
            head += 1
            try resolver.checkDeadline()
            guard let objectType = TypeSystem.typePart(of: fact.object) else { continue }
            let key = RelationKey(String(objectType), fact.relation)
            if key == target, !confirmed.contains(fact.object), let object = ObjectReference(fact.object) {
                switch try resolver.resolve(object: object, relation: target.relation, user: user, userText: user.description, depth: 0) {
                case .allowed:
                    confirmed.insert(fact.object)
                    guard try emit(fact.object) else { return firstError }
                case .denied, .cycle:
                    break
                case .failed(let error):
                    firstError = firstError ?? error
                }
            }
            for computed in typeSystem.relationsComputed(from: key) {
                enqueue(Fact(object: fact.object, relation: computed.relation))
            }
            let usersetText = "\(fact.object)#\(fact.relation)"
            for next in typeSystem.relationsAssignable(toUserset: key) {
                try reverse(user: usersetText, into: next)
            }
            for edge in typeSystem.tupleToUsersetEdges(from: key) where leadsToTarget(edge.result) {
                try reader.forEachTuple(user: fact.object, relation: edge.tupleset.relation, objectType: edge.tupleset.type) { tuple in
                    follow(tuple, to: Fact(object: tuple.object, relation: edge.result.relation))
                    return true
                }
            }
        }
        return firstError
    }
}
