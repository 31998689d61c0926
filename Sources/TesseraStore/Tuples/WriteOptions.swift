/// OpenFGA's conflict options of a Write: what to do with a write of an existing tuple
/// (`on_duplicate`) and a delete of a missing one (`on_missing`).
public struct WriteOptions: Sendable, Hashable {
    /// `error` (the default) or `ignore`.
    public enum Handling: String, Sendable, Hashable {
        case error
        case ignore
    }

    /// With `ignore`, writing a tuple that exists with an identical condition is a no-op;
    /// with a different condition it is a conflict either way.
    public var onDuplicate: Handling
    /// With `ignore`, deleting a tuple that does not exist is a no-op.
    public var onMissing: Handling

    public init(onDuplicate: Handling = .error, onMissing: Handling = .error) {
        self.onDuplicate = onDuplicate
        self.onMissing = onMissing
    }
}
