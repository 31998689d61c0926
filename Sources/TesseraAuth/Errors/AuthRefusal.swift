public import struct Foundation.Date

/// One refused request, as handed to the refusal handler for the audit log.
public struct AuthRefusal: Sendable {
    public let failure: AuthFailure
    /// The peer address the request came from.
    public let sourceAddress: String
    /// The operation, for refusals by ``Authenticator/authorize(_:operation:storeID:sourceAddress:now:)``.
    public let operation: APIOperation?
    /// The store the request named, if any.
    public let storeID: String?
    /// The caller, for refusals of an authenticated caller (scope, store).
    public let caller: Caller?
    /// The request's id; empty when the caller of the authenticator did not give one.
    public let requestID: String
    public let time: Date
}
