/// The result of ``Authenticator/authenticate(_:now:)``.
public enum AuthOutcome: Sendable, Hashable {
    /// The request carries valid credentials.
    case authenticated(Caller)
    /// The request must be answered with this failure.
    case refused(AuthFailure)

    /// The caller, when authenticated.
    public var caller: Caller? {
        if case .authenticated(let caller) = self { caller } else { nil }
    }

    /// The failure, when refused.
    public var failure: AuthFailure? {
        if case .refused(let failure) = self { failure } else { nil }
    }
}
