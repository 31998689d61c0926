/// Who asked for a mutation, as the server hands it in: recorded with every change-log entry
/// for the audit log.
public struct CallerContext: Sendable, Hashable {
    /// The authenticated caller (subject, client id), empty when authentication is off.
    public var identity: String
    /// The request id the server assigned or received.
    public var requestID: String

    public init(identity: String = "", requestID: String = "") {
        self.identity = identity
        self.requestID = requestID
    }
}
