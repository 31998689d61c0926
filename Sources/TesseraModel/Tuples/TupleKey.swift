public import TesseraConditions

/// A relationship tuple: `user` has `relation` on `object`, optionally only when
/// `condition` holds. The strings are the wire forms (`document:1`, `viewer`, `user:anne`).
public struct TupleKey: Sendable, Hashable {
    public var object: String
    public var relation: String
    public var user: String
    public var condition: RelationshipCondition?

    public init(object: String, relation: String, user: String, condition: RelationshipCondition? = nil) {
        self.object = object
        self.relation = relation
        self.user = user
        self.condition = condition
    }

    /// The key without its condition: what identifies a tuple in a store.
    public var withoutCondition: TupleKey {
        TupleKey(object: object, relation: relation, user: user)
    }
}

extension TupleKey: CustomStringConvertible {
    /// `object#relation@user`, OpenFGA's text form of a tuple key.
    public var description: String { "\(object)#\(relation)@\(user)" }
}

/// The condition a tuple is subject to: a condition of the model by name, plus the part of
/// its parameters stored with the tuple (the request supplies the rest).
public struct RelationshipCondition: Sendable, Hashable {
    public var name: String
    public var context: JSONObject

    public init(name: String, context: JSONObject = [:]) {
        self.name = name
        self.context = context
    }
}
