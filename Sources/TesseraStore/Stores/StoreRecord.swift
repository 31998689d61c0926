public import Foundation

/// A store: an isolated set of models, tuples and assertions.
public struct StoreRecord: Sendable, Hashable {
    /// A ULID.
    public var id: String
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, name: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension StoreRecord {
    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.append(string: id)
        writer.append(string: name)
        writer.append(Timestamp.micros(createdAt))
        writer.append(Timestamp.micros(updatedAt))
        return writer.bytes
    }

    init(decoding bytes: UnsafeRawBufferPointer) throws {
        var reader = ByteReader(bytes)
        id = try reader.readString()
        name = try reader.readString()
        createdAt = Timestamp.date(try reader.readInt64())
        updatedAt = Timestamp.date(try reader.readInt64())
    }
}
