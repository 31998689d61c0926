public import TesseraModel

/// A consistent read view of one store's tuples: what the engine sees of storage.
///
/// An LMDB snapshot (one read transaction), the contextual tuples of a request, or both
/// (`OverlayTupleReader`) implement it, so the engine never touches LMDB directly. Reads
/// call `body` once per matching tuple until it returns `false`; no arrays are built.
/// Implementations return every stored tuple, also those invalid under the current model:
/// filtering is the engine's job.
public protocol TupleReader {
    /// The tuple `object#relation@user`, if stored. `user` is the exact wire form
    /// (`user:anne`, `user:*`, `group:eng#member`).
    func tuple(object: String, relation: String, user: String) throws -> TupleKey?

    /// Every tuple on `object#relation` whose user is a userset (`type:id#relation`).
    func forEachUsersetTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws

    /// Every tuple on `object#relation`, whatever its user.
    func forEachTuple(object: String, relation: String, _ body: (TupleKey) throws -> Bool) throws

    /// Every tuple whose user is exactly `user` and whose relation is `relation`, on objects
    /// of type `objectType` (the reverse index, for list objects).
    func forEachTuple(user: String, relation: String, objectType: String, _ body: (TupleKey) throws -> Bool) throws
}
