import TesseraModel
import TesseraStore

/// Presents a relation's tuples under the alias relations coverage adds for its direct
/// branches: reading `doc:1#<alias>` reads `doc:1#viewer` and relabels what it finds, so
/// the engine evaluates one branch of `viewer` over `viewer`'s own tuples.
struct BranchAliasReader: TupleReader {
    let base: any TupleReader
    /// Alias relation → the relation whose tuples it reads.
    let aliases: [String: String]

    private func relabel(_ tuple: TupleKey, as relation: String) -> TupleKey {
        var copy = tuple
        copy.relation = relation
        return copy
    }

    func tuple(object: String, relation: String, user: String) throws -> TupleKey? {
        guard let real = aliases[relation] else { return try base.tuple(object: object, relation: relation, user: user) }
        return try base.tuple(object: object, relation: real, user: user).map { relabel($0, as: relation) }
    }

    func forEachUsersetTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        guard let real = aliases[relation] else { return try base.forEachUsersetTuple(object: object, relation: relation, body) }
        try base.forEachUsersetTuple(object: object, relation: real) { try body(relabel($0, as: relation)) }
    }

    func forEachTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        guard let real = aliases[relation] else { return try base.forEachTuple(object: object, relation: relation, body) }
        try base.forEachTuple(object: object, relation: real) { try body(relabel($0, as: relation)) }
    }

    func forEachTuple(user: String, relation: String, objectType: String, _ body: (TupleKey) throws -> Bool) throws {
        guard let real = aliases[relation] else { return try base.forEachTuple(user: user, relation: relation, objectType: objectType, body) }
        try base.forEachTuple(user: user, relation: real, objectType: objectType) { try body(relabel($0, as: relation)) }
    }
}
