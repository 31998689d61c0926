public import TesseraConditions
public import TesseraModel

/// A test case stored with a model (OpenFGA's `Assertion`): whether `tupleKey` should be
/// allowed, given up to 20 contextual tuples and a context.
public struct Assertion: Sendable, Hashable {
    /// `object`, `relation`, `user` (no condition).
    public var tupleKey: TupleKey
    public var expectation: Bool
    public var contextualTuples: [TupleKey]
    public var context: JSONObject

    public init(tupleKey: TupleKey, expectation: Bool, contextualTuples: [TupleKey] = [], context: JSONObject = [:]) {
        self.tupleKey = tupleKey
        self.expectation = expectation
        self.contextualTuples = contextualTuples
        self.context = context
    }
}

extension Assertion {
    static func encode(_ assertions: [Assertion]) -> [UInt8] {
        var writer = ByteWriter(capacity: 64 * max(1, assertions.count))
        writer.append(UInt32(truncatingIfNeeded: assertions.count))
        for assertion in assertions {
            encode(assertion.tupleKey, into: &writer)
            writer.append(UInt8(assertion.expectation ? 1 : 0))
            writer.append(UInt32(truncatingIfNeeded: assertion.contextualTuples.count))
            for tuple in assertion.contextualTuples { encode(tuple, into: &writer) }
            BinaryJSON.encode(assertion.context, into: &writer)
        }
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> [Assertion] {
        var reader = ByteReader(bytes)
        let count = Int(try reader.readUInt32())
        guard count <= reader.remaining else { throw StoreError.corrupt("assertions") }
        var assertions: [Assertion] = []
        for _ in 0..<count {
            let key = try decodeTuple(&reader)
            let expectation = try reader.readUInt8() == 1
            let tupleCount = Int(try reader.readUInt32())
            guard tupleCount <= reader.remaining else { throw StoreError.corrupt("assertions") }
            var tuples: [TupleKey] = []
            for _ in 0..<tupleCount { tuples.append(try decodeTuple(&reader)) }
            let context = try BinaryJSON.decodeObject(&reader)
            assertions.append(Assertion(tupleKey: key, expectation: expectation, contextualTuples: tuples, context: context))
        }
        return assertions
    }

    private static func encode(_ tuple: TupleKey, into writer: inout ByteWriter) {
        writer.append(string: tuple.object)
        writer.append(string: tuple.relation)
        writer.append(string: tuple.user)
        writer.append(optional: tuple.condition?.name)
        if let condition = tuple.condition { BinaryJSON.encode(condition.context, into: &writer) }
    }

    private static func decodeTuple(_ reader: inout ByteReader) throws -> TupleKey {
        var tuple = TupleKey(object: try reader.readString(), relation: try reader.readString(), user: try reader.readString())
        if let name = try reader.readOptionalString() {
            tuple.condition = RelationshipCondition(name: name, context: try BinaryJSON.decodeObject(&reader))
        }
        return tuple
    }
}
