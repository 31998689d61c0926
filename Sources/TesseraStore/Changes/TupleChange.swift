public import Foundation
public import TesseraModel

/// One entry of ReadChanges: a tuple written or deleted, when, and by whom.
public struct TupleChange: Sendable, Hashable {
    /// OpenFGA's `TUPLE_OPERATION_WRITE` / `TUPLE_OPERATION_DELETE`.
    public enum Operation: String, Sendable, Hashable {
        case write = "TUPLE_OPERATION_WRITE"
        case delete = "TUPLE_OPERATION_DELETE"
    }

    /// The tuple; deletes carry no condition.
    public var key: TupleKey
    public var operation: Operation
    public var timestamp: Date
    /// The revision that committed the change.
    public var revision: UInt64
    /// The caller and request id the server handed in (not part of OpenFGA's response).
    public var caller: CallerContext

    public init(key: TupleKey, operation: Operation, timestamp: Date, revision: UInt64, caller: CallerContext) {
        self.key = key
        self.operation = operation
        self.timestamp = timestamp
        self.revision = revision
        self.caller = caller
    }
}
