/// The scope strings tokens carry for each ``Scope``, and whether scopes are enforced at all.
public struct ScopeNames: Sendable, Hashable {
    public var read: String
    public var write: String
    public var model: String
    public var admin: String
    public var metrics: String
    /// When false, scopes are not checked (for issuers that issue none); store confinement
    /// still applies.
    public var enforced: Bool

    /// Tessera's default names: `tessera:read`, `tessera:write`, `tessera:model`,
    /// `tessera:admin`, `tessera:metrics`, enforced.
    public init(
        read: String = "tessera:read",
        write: String = "tessera:write",
        model: String = "tessera:model",
        admin: String = "tessera:admin",
        metrics: String = "tessera:metrics",
        enforced: Bool = true
    ) {
        self.read = read
        self.write = write
        self.model = model
        self.admin = admin
        self.metrics = metrics
        self.enforced = enforced
    }

    /// The configured string for `scope`.
    public func name(for scope: Scope) -> String {
        switch scope {
        case .read: read
        case .write: write
        case .model: model
        case .admin: admin
        case .metrics: metrics
        }
    }
}
