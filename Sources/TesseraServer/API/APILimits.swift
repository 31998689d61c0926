/// Request limits of the HTTP API, with OpenFGA's defaults.
public struct APILimits: Sendable, Hashable {
    /// Largest request body (`--max-request-bytes`); larger bodies get 413.
    public var maxRequestBytes: Int = 512 * 1024
    /// Longest request target (path and query) in bytes (`--max-url-bytes`); longer gets 414.
    public var maxURLBytes: Int = 8 * 1024
    /// Largest header field and header block in bytes (`--max-header-bytes`); a larger one
    /// gets 400 and the connection is closed (the HTTP parser's limit).
    public var maxHeaderBytes: Int = 64 * 1024
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
