public import TesseraModel

/// An in-memory, indexed set of tuples: the contextual tuples of a request, or a small
/// store in tests. Later entries with the same key replace earlier ones.
public struct TupleSet: TupleReader, Sendable {
    private struct ObjectRelation: Hashable {
        var object: String
        var relation: String
    }

    private struct UserRelationType: Hashable {
        var user: String
        var relation: String
        var objectType: String
    }

    private var byKey: [TupleKey: TupleKey] = [:]
    private var byObjectRelation: [ObjectRelation: [TupleKey]] = [:]
    private var byUser: [UserRelationType: [TupleKey]] = [:]

    public init(_ tuples: some Sequence<TupleKey> = []) {
        for tuple in tuples { insert(tuple) }
    }

    /// Adds `tuple`, replacing a tuple with the same key (its condition may differ).
    public mutating func insert(_ tuple: TupleKey) {
        let key = tuple.withoutCondition
        if byKey.updateValue(tuple, forKey: key) != nil {
            let forward = ObjectRelation(object: tuple.object, relation: tuple.relation)
            byObjectRelation[forward]?.removeAll { $0.user == tuple.user }
            byUser[reverseKey(tuple)]?.removeAll { $0.object == tuple.object }
        }
        byObjectRelation[ObjectRelation(object: tuple.object, relation: tuple.relation), default: []].append(tuple)
        byUser[reverseKey(tuple), default: []].append(tuple)
    }

    /// True when a tuple with the same object, relation and user is in the set.
    public func contains(key: TupleKey) -> Bool {
        byKey[key.withoutCondition] != nil
    }

    public var isEmpty: Bool { byKey.isEmpty }
    public var count: Int { byKey.count }

    /// Every tuple, in no particular order.
    public var tuples: some Collection<TupleKey> { byKey.values }

    private func reverseKey(_ tuple: TupleKey) -> UserRelationType {
        let objectType = tuple.object.firstIndex(of: ":").map { String(tuple.object[..<$0]) } ?? tuple.object
        return UserRelationType(user: tuple.user, relation: tuple.relation, objectType: objectType)
    }

    public func tuple(object: String, relation: String, user: String) -> TupleKey? {
        byKey[TupleKey(object: object, relation: relation, user: user)]
    }

    public func forEachUsersetTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) rethrows {
        for tuple in byObjectRelation[ObjectRelation(object: object, relation: relation)] ?? [] where tuple.user.contains("#") {
            guard try body(tuple) else { return }
        }
    }

    public func forEachTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) rethrows {
        for tuple in byObjectRelation[ObjectRelation(object: object, relation: relation)] ?? [] {
            guard try body(tuple) else { return }
        }
    }

    public func forEachTuple(user: String, relation: String, objectType: String, _ body: (TupleKey) throws -> Bool) rethrows {
        for tuple in byUser[UserRelationType(user: user, relation: relation, objectType: objectType)] ?? [] {
            guard try body(tuple) else { return }
        }
    }
}
