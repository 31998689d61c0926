import TesseraConditions
import TesseraModel

/// The value stored under a tuple's forward and reverse keys: when it was written and its
/// condition (name and stored context, `BinaryJSON`).
///
/// Layout: timestamp µs (Int64) · 0, or 1 · name (length-prefixed) · context.
struct TupleValue {
    var timestampMicros: Int64
    var condition: RelationshipCondition?

    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: condition == nil ? 9 : 64)
        writer.append(timestampMicros)
        if let condition {
            writer.append(UInt8(1))
            writer.append(string: condition.name)
            BinaryJSON.encode(condition.context, into: &writer)
        } else {
            writer.append(UInt8(0))
        }
        return writer.bytes
    }

    init(timestampMicros: Int64, condition: RelationshipCondition?) {
        self.timestampMicros = timestampMicros
        self.condition = condition
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws {
        var reader = ByteReader(bytes)
        timestampMicros = try reader.readInt64()
        condition = try Self.decodeCondition(&reader)
    }

    /// Only the condition (the hot read path does not need the timestamp).
    @inline(__always)
    static func condition(in bytes: UnsafeRawBufferPointer) throws -> RelationshipCondition? {
        // The common case, no condition: 9 bytes ending in 0.
        if bytes.count == 9, bytes[8] == 0 { return nil }
        var reader = ByteReader(bytes)
        _ = try reader.readInt64()
        return try decodeCondition(&reader)
    }

    private static func decodeCondition(_ reader: inout ByteReader) throws -> RelationshipCondition? {
        guard try reader.readUInt8() == 1 else { return nil }
        let name = try reader.readString()
        return RelationshipCondition(name: name, context: try BinaryJSON.decodeObject(&reader))
    }
}
