import TesseraModel
import TesseraStore

/// List users by forward expansion: from `object#relation`, follow direct tuples,
/// usersets, computed relations and tuple-to-userset edges to every user that may hold the
/// relation, keep those of the filter's shape, and confirm each with a check.
///
/// A typed wildcard is listed as `type:*` when its check is true, even if some users of the
/// type are excluded (OpenFGA does the same and has no `excluded_users` field).
struct UserLister {
    struct Node: Hashable {
        var object: String
        var relation: String
    }

    let typeSystem: TypeSystem
    let reader: any TupleReader
    let resolver: CheckResolver
    let object: ObjectReference
    let relation: String
    let filter: ListUsersRequest.Filter

    /// Calls `emit` for each user found until it returns false; returns the first
    /// evaluation error met.
    func run(emit: (UserReference) throws -> Bool) throws -> EngineError? {
        var seen: Set<Node> = []
        var queue: [Node] = [Node(object: object.description, relation: relation)]
        var head = 0
        var candidates: [UserReference] = []
        var candidateSet: Set<UserReference> = []
        seen.insert(queue[0])

        var firstError: EngineError?
        /// Whether to follow a tuple: its condition must hold. A condition that cannot be
        /// evaluated fails the whole request, as in OpenFGA, even if other paths answer it.
        func holds(_ tuple: TupleKey) -> Bool {
            switch resolver.conditionHolds(tuple) {
            case .allowed: return true
            case .failed(let error): firstError = firstError ?? error
            case .denied, .cycle: break
            }
            return false
        }
        func enqueue(_ node: Node) {
            if seen.insert(node).inserted { queue.append(node) }
        }
        func consider(_ user: UserReference) {
            let matches: Bool
            switch user {
            case .object(let object): matches = filter.relation == nil && object.type == filter.type
            case .wildcard(let type): matches = filter.relation == nil && type == filter.type
            case .userset(let object, let relation): matches = filter.relation == relation && object.type == filter.type
            }
            if matches, candidateSet.insert(user).inserted { candidates.append(user) }
        }

        while head < queue.count {
            let node = queue[head]
            head += 1
            try resolver.checkDeadline()
            guard let nodeObject = ObjectReference(node.object), let info = typeSystem.relation(nodeObject.type, node.relation) else {
                continue
            }
            // A userset node is itself a user of the filter's shape (`group:eng#member`).
            consider(.userset(nodeObject, relation: node.relation))
            var leaves: [Rewrite] = []
            info.rewrite.forEachPositiveLeaf { leaves.append($0) }
            for leaf in leaves {
                switch leaf {
                case .direct:
                    try reader.forEachTuple(object: node.object, relation: node.relation) { tuple in
                        guard let user = typeSystem.storedUser(of: tuple), holds(tuple) else { return true }
                        consider(user)
                        if case .userset(let group, let groupRelation) = user {
                            enqueue(Node(object: group.description, relation: groupRelation))
                        }
                        return true
                    }
                case .computedUserset(let computed, _):
                    enqueue(Node(object: node.object, relation: computed))
                case .tupleToUserset(let tupleset, let computed, _):
                    try reader.forEachTuple(object: node.object, relation: tupleset) { tuple in
                        guard case .object(let parent)? = typeSystem.storedUser(of: tuple),
                            typeSystem.relation(parent.type, computed) != nil, holds(tuple)
                        else { return true }
                        enqueue(Node(object: parent.description, relation: computed))
                        return true
                    }
                default:
                    break
                }
            }
        }

        if let firstError { return firstError }
        for user in candidates {
            switch try resolver.resolve(object: object, relation: relation, user: user, userText: user.description, depth: 0) {
            case .allowed:
                guard try emit(user) else { return firstError }
            case .denied, .cycle:
                break
            case .failed(let error):
                firstError = firstError ?? error
            }
        }
        return firstError
    }
}
