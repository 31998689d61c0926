import TesseraModel
import TesseraStore

/// Builds the one-level userset tree of `object#relation` from the model's rewrite and the
/// tuples on the object. Tuples the model does not allow are left out; conditions are not
/// evaluated (as in OpenFGA).
struct ExpandResolver {
    let typeSystem: TypeSystem
    let reader: any TupleReader
    let object: ObjectReference
    let relation: RelationInfo

    func tree() throws -> UsersetTree {
        try node(relation.rewrite)
    }

    private var name: String { "\(object)#\(relation.key.relation)" }

    private func node(_ rule: Rewrite) throws -> UsersetTree {
        switch rule {
        case .direct:
            var users: Set<String> = []
            try reader.forEachTuple(object: object.description, relation: relation.key.relation) { tuple in
                if typeSystem.isValidStoredTuple(tuple) { users.insert(tuple.user) }
                return true
            }
            return .users(name: name, users: users.sorted())
        case .computedUserset(let computed, _):
            return .computed(name: name, userset: "\(object)#\(computed)")
        case .tupleToUserset(let tupleset, let computed, _):
            var parents: Set<String> = []
            try reader.forEachTuple(object: object.description, relation: tupleset) { tuple in
                if case .object(let parent)? = typeSystem.storedUser(of: tuple),
                    typeSystem.relation(parent.type, computed) != nil
                {
                    parents.insert("\(parent)#\(computed)")
                }
                return true
            }
            return .tupleToUserset(name: name, tupleset: "\(object)#\(tupleset)", computed: parents.sorted())
        case .union(let children):
            return .union(name: name, nodes: try children.map(node))
        case .intersection(let children):
            return .intersection(name: name, nodes: try children.map(node))
        case .exclusion(let base, let subtract):
            return .difference(name: name, base: try node(base), subtract: try node(subtract))
        }
    }
}
