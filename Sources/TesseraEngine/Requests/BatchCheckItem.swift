/// One check of a batch, with the caller's id for its result.
public struct BatchCheckItem: Sendable, Hashable {
    public var correlationID: String
    public var check: CheckRequest

    public init(correlationID: String, check: CheckRequest) {
        self.correlationID = correlationID
        self.check = check
    }
}
