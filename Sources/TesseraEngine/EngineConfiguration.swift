/// Limits the engine enforces, with OpenFGA's defaults.
public struct EngineConfiguration: Sendable, Hashable {
    /// Hops from one `object#relation` to another before a check fails with
    /// `authorization_model_resolution_too_complex` (OpenFGA: 25).
    public var maxResolutionDepth: Int = 25
    /// Checks in one batch-check request (OpenFGA: 50).
    public var maxChecksPerBatch: Int = 50
    /// A check (or a whole batch check) fails with `deadline_exceeded` after this long;
    /// `nil`, the default, means no limit, so library answers do not depend on machine
    /// speed. `tessera serve` sets OpenFGA's request timeout, 3 s.
    public var checkDeadline: Duration?
    /// List objects stops after this long and returns what it found (OpenFGA: 3 s).
    public var listObjectsDeadline: Duration = .seconds(3)
    /// List objects returns at most this many objects; 0 means unlimited (OpenFGA: 1000).
    public var listObjectsMaxResults: Int = 1000
    /// List users stops after this long (OpenFGA: 3 s).
    public var listUsersDeadline: Duration = .seconds(3)
    /// List users returns at most this many users; 0 means unlimited (OpenFGA: 1000).
    public var listUsersMaxResults: Int = 1000
    /// Cost budget of one condition evaluation (OpenFGA: 100; a smaller value counts as 100,
    /// as OpenFGA's `max(100, configured)`).
    public var maxConditionEvaluationCost: Int = 100
    /// Contextual tuples per request (OpenFGA: 100, fixed by its API).
    public var maxContextualTuples: Int = 100

    public init() {}
}
