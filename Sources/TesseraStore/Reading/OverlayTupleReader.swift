public import TesseraModel

/// Contextual tuples presented over a stored snapshot, with OpenFGA's precedence: a
/// contextual tuple replaces a stored tuple with the same object, relation and user, so
/// the stored one (and its condition) is never seen.
public struct OverlayTupleReader: TupleReader {
    public let contextual: TupleSet
    public let base: any TupleReader

    public init(contextual: TupleSet, base: any TupleReader) {
        self.contextual = contextual
        self.base = base
    }

    public func tuple(object: String, relation: String, user: String) throws -> TupleKey? {
        if let tuple = contextual.tuple(object: object, relation: relation, user: user) { return tuple }
        return try base.tuple(object: object, relation: relation, user: user)
    }

    public func forEachUsersetTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        var stopped = false
        try contextual.forEachUsersetTuple(object: object, relation: relation) { tuple in
            stopped = try !body(tuple)
            return !stopped
        }
        if stopped { return }
        try base.forEachUsersetTuple(object: object, relation: relation) { tuple in
            contextual.contains(key: tuple) ? true : try body(tuple)
        }
    }

    public func forEachTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws {
        var stopped = false
        try contextual.forEachTuple(object: object, relation: relation) { tuple in
            stopped = try !body(tuple)
            return !stopped
        }
        if stopped { return }
        try base.forEachTuple(object: object, relation: relation) { tuple in
            contextual.contains(key: tuple) ? true : try body(tuple)
        }
    }

    public func forEachTuple(user: String, relation: String, objectType: String, _ body: (TupleKey) throws -> Bool) throws {
        var stopped = false
        try contextual.forEachTuple(user: user, relation: relation, objectType: objectType) { tuple in
            stopped = try !body(tuple)
            return !stopped
        }
        if stopped { return }
        try base.forEachTuple(user: user, relation: relation, objectType: objectType) { tuple in
            contextual.contains(key: tuple) ? true : try body(tuple)
        }
    }
}
