/// A point in a database's history: the revision of a committed write plus the database's
/// epoch. Returned by writes; a read "at least as fresh as" a token sees that write.
///
/// The epoch is random per database lifetime (and rotated when durability is relaxed, see
/// `LMDBDatastore`), so a token from a restored or rebuilt database, or from another
/// server's, is refused rather than silently satisfied by a different history.
public struct ConsistencyToken: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 16 random bytes identifying the database lifetime.
    public let epoch: [UInt8]
    /// Increases by one with every committed write transaction.
    public let revision: UInt64

    static let version: UInt8 = 1

    init(epoch: [UInt8], revision: UInt64) {
        self.epoch = epoch
        self.revision = revision
    }

    /// The opaque text form (base64url).
    public var encoded: String {
        var writer = ByteWriter(capacity: 25)
        writer.append(Self.version)
        writer.append(bytes: epoch)
        writer.append(revision)
        return Base64URL.encode(writer.bytes)
    }

    public var description: String { encoded }

    /// Parses the text form; any malformed token is `invalid_consistency_token`.
    public init(encoded text: String) throws {
        guard text.utf8.count <= 64, let bytes = Base64URL.decode(text), bytes.count == 25, bytes[0] == Self.version else {
            throw StoreError(.invalidConsistencyToken, "malformed consistency token")
        }
        epoch = Array(bytes[1..<17])
        revision = bytes.withUnsafeBytes { $0.bigEndianUInt64(at: 17) }
    }

    /// Orders tokens of one epoch by revision.
    public static func < (lhs: ConsistencyToken, rhs: ConsistencyToken) -> Bool {
        lhs.revision < rhs.revision
    }
}
