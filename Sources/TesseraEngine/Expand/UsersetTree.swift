/// One level of the userset tree of `object#relation`, in OpenFGA's Expand shape: every
/// node is named after the requested `object#relation`; computed and tuple-to-userset
/// leaves are not expanded further.
public indirect enum UsersetTree: Sendable, Hashable {
    /// Direct tuples: the users, sorted and de-duplicated (`user:anne`, `group:eng#member`, `user:*`).
    case users(name: String, users: [String])
    /// A computed userset: `object#otherRelation`.
    case computed(name: String, userset: String)
    /// `computed from tupleset`: the tupleset (`object#parent`) and one `parent#computed` per parent.
    case tupleToUserset(name: String, tupleset: String, computed: [String])
    case union(name: String, nodes: [UsersetTree])
    case intersection(name: String, nodes: [UsersetTree])
    case difference(name: String, base: UsersetTree, subtract: UsersetTree)
}
