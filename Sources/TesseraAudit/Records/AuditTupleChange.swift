public import TesseraModel

/// One tuple a mutation wrote or deleted, with its condition.
public struct AuditTupleChange: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case write
        case delete
    }

    public var operation: Operation
    public var tuple: TupleKey

    public init(_ operation: Operation, _ tuple: TupleKey) {
        self.operation = operation
        self.tuple = tuple
    }
}
