public import Foundation
public import TesseraModel

/// A tuple as Read returns it: the key (with its condition) and when it was written.
public struct StoredTuple: Sendable, Hashable {
    public var key: TupleKey
    public var timestamp: Date

    public init(key: TupleKey, timestamp: Date) {
        self.key = key
        self.timestamp = timestamp
    }
}
