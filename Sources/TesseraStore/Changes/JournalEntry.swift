public import Foundation
public import TesseraModel

/// One mutation in the store's journal, in commit order: what the audit log is fed from.
/// Every tuple write and delete, store creation and deletion, model write and assertions
/// write is one entry, committed in the same transaction as the mutation itself, so an
/// acknowledged mutation can never lack its entry.
public struct JournalEntry: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// A tuple written (with its condition).
        case tupleWritten(TupleKey)
        /// A tuple deleted (OpenFGA's delete changes carry no condition).
        case tupleDeleted(TupleKey)
        case storeCreated(name: String)
        case storeDeleted
        case modelWritten(modelID: String)
        case assertionsWritten(modelID: String)
    }

    /// The committed revision and the entry's place within it.
    public var position: JournalPosition
    public var storeID: String
    public var timestamp: Date
    public var caller: CallerContext
    public var operation: Operation
    /// Which write request of its commit made the entry (0-based; group commit applies many
    /// requests in one transaction): the entries of one request share revision and request,
    /// so the audit log can record each request once. 0 in entries written before it existed.
    public var request: UInt32

    public init(
        position: JournalPosition, storeID: String, timestamp: Date, caller: CallerContext, operation: Operation, request: UInt32 = 0
    ) {
        self.position = position
        self.storeID = storeID
        self.timestamp = timestamp
        self.caller = caller
        self.operation = operation
        self.request = request
    }
}

/// Where an entry sits in the journal: ordered by revision, then sequence.
public struct JournalPosition: Sendable, Hashable, Comparable {
    public var revision: UInt64
    public var sequence: UInt32

    public init(revision: UInt64, sequence: UInt32) {
        self.revision = revision
        self.sequence = sequence
    }

    public static func < (lhs: JournalPosition, rhs: JournalPosition) -> Bool {
        (lhs.revision, lhs.sequence) < (rhs.revision, rhs.sequence)
    }
}

extension JournalEntry {
    private enum Tag: UInt8 {
        case tupleWritten = 1, tupleDeleted, storeCreated, storeDeleted, modelWritten, assertionsWritten
    }

    /// The version of the trailer after the payload.
    private static let trailerVersion: UInt8 = 1

    /// Layout: tag · store id · timestamp µs · caller identity · request id · payload ·
    /// trailer. The trailer (version 1: request index, then subject, client id, issuer, token
    /// SHA-256, source address and model id as optional strings) came later: entries without
    /// one decode with defaults, and readers that predate it ignore it.
    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        let tag: Tag
        switch operation {
        case .tupleWritten: tag = .tupleWritten
        case .tupleDeleted: tag = .tupleDeleted
        case .storeCreated: tag = .storeCreated
        case .storeDeleted: tag = .storeDeleted
        case .modelWritten: tag = .modelWritten
        case .assertionsWritten: tag = .assertionsWritten
        }
        writer.append(tag.rawValue)
        writer.append(string: storeID)
        writer.append(Timestamp.micros(timestamp))
        writer.append(string: caller.identity)
        writer.append(string: caller.requestID)
        switch operation {
        case .tupleWritten(let tuple), .tupleDeleted(let tuple):
            writer.append(string: tuple.object)
            writer.append(string: tuple.relation)
            writer.append(string: tuple.user)
            if let condition = tuple.condition {
                writer.append(UInt8(1))
                writer.append(string: condition.name)
                BinaryJSON.encode(condition.context, into: &writer)
            } else {
                writer.append(UInt8(0))
            }
        case .storeCreated(let name):
            writer.append(string: name)
        case .storeDeleted:
            break
        case .modelWritten(let id), .assertionsWritten(let id):
            writer.append(string: id)
        }
        writer.append(Self.trailerVersion)
        writer.append(request)
        writer.append(optional: caller.subject)
        writer.append(optional: caller.clientID)
        writer.append(optional: caller.issuer)
        writer.append(optional: caller.tokenSHA256)
        writer.append(optional: caller.sourceAddress)
        writer.append(optional: caller.modelID)
        return writer.bytes
    }

    init(position: JournalPosition, decoding bytes: UnsafeRawBufferPointer) throws {
        var reader = ByteReader(bytes)
        guard let tag = Tag(rawValue: try reader.readUInt8()) else { throw StoreError.corrupt("journal entry tag") }
        self.position = position
        storeID = try reader.readString()
        timestamp = Timestamp.date(try reader.readInt64())
        caller = CallerContext(identity: try reader.readString(), requestID: try reader.readString())
        switch tag {
        case .tupleWritten, .tupleDeleted:
            var tuple = TupleKey(object: try reader.readString(), relation: try reader.readString(), user: try reader.readString())
            if try reader.readUInt8() == 1 {
                let name = try reader.readString()
                tuple.condition = RelationshipCondition(name: name, context: try BinaryJSON.decodeObject(&reader))
            }
            operation = tag == .tupleWritten ? .tupleWritten(tuple) : .tupleDeleted(tuple)
        case .storeCreated:
            operation = .storeCreated(name: try reader.readString())
        case .storeDeleted:
            operation = .storeDeleted
        case .modelWritten:
            operation = .modelWritten(modelID: try reader.readString())
        case .assertionsWritten:
            operation = .assertionsWritten(modelID: try reader.readString())
        }
        request = 0
        // A newer writer may add fields after these: read what this version knows.
        if !reader.isAtEnd, try reader.readUInt8() >= Self.trailerVersion {
            request = try reader.readUInt32()
            caller.subject = try reader.readOptionalString()
            caller.clientID = try reader.readOptionalString()
            caller.issuer = try reader.readOptionalString()
            caller.tokenSHA256 = try reader.readOptionalString()
            caller.sourceAddress = try reader.readOptionalString()
            caller.modelID = try reader.readOptionalString()
        }
    }
}
