/// Request limits of the HTTP API, with OpenFGA's defaults.
public struct APILimits: Sendable, Hashable {
    /// Largest request body (`--max-request-bytes`); larger bodies get 413.
    public var maxRequestBytes: Int = 512 * 1024
    /// Largest authorization model, in bytes of its JSON (OpenFGA: 256 KiB).
    public var maxModelBytes: Int = 256 * 1024
    /// Most types in one model (OpenFGA: 100).
    public var maxTypesPerModel: Int = 100
    /// Most tuples in one write request (OpenFGA: 100).
    public var maxTuplesPerWrite: Int = 100
    /// Largest condition context stored with a tuple (OpenFGA: 32 KiB).
    public var maxConditionContextBytes: Int = 32 * 1024

    public init() {}
}
