/// The LMDB key layout: which named databases exist and how their keys are built.
///
/// Identifiers are interned (`strings` / `ids`) to 4-byte ids, so every tuple key is a short
/// fixed-width row of big-endian integers whatever the identifier lengths (LMDB keys are
/// limited to 511 bytes; an object may be 256 bytes and a user 512). Ids are handed out in
/// order and never reused or changed, which makes them safe to cache across transactions.
/// Objects (`type:id`), users (`user:anne`, `group:eng#member`, `user:*`), relations, types
/// and condition names are each interned whole. A store is a 4-byte store number.
///
/// | database | key | value |
/// |---|---|---|
/// | `meta` | ASCII name | format, epoch, token key, counters |
/// | `strings` | UTF-8 bytes (or `0xFF` + SHA-256 when over 511 bytes) | id (4) |
/// | `ids` | id (4) | UTF-8 bytes |
/// | `stores` | store (4) | `StoreRecord` |
/// | `store-ids` | store ULID (26 ASCII) | store (4); sorted by creation |
/// | `models` | store (4) · model ULID (26) | model JSON |
/// | `assertions` | store (4) · model ULID (26) | assertions JSON |
/// | `tuples` (forward) | store · object · relation · user kind (1) · user | `TupleValue` |
/// | `reverse` | store · user · relation · object type · object | `TupleValue` |
/// | `changes` | store · revision (8) · seq (4) | empty (entry in `journal`) |
/// | `changes-by-type` | store · object type · revision (8) · seq (4) | empty |
/// | `journal` | revision (8) · seq (4) | `JournalEntry` (every mutation, for the audit log) |
/// | `revision-times` | timestamp µs (8) · revision (8) | empty |
///
/// The user kind byte orders a relation's users as objects, then the wildcard, then
/// usersets: "usersets of object#relation" is one contiguous range, and `user:*` is a point
/// lookup like any other user. Timestamps never go backwards across revisions, so
/// `revision-times` maps a start time to the first revision at or after it.
enum KeyLayout {
    static let storeBytes = 4
    static let idBytes = 4
    /// store · object · relation · kind · user
    static let forwardKeyBytes = 17
    /// store · user · relation · object type · object
    static let reverseKeyBytes = 20
    static let ulidBytes = 26

    static func store(_ store: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 4)
        writer.append(store)
        return writer.bytes
    }

    static func forward(store: UInt32, object: UInt32, relation: UInt32, kind: UserKind, user: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: forwardKeyBytes)
        writer.append(store)
        writer.append(object)
        writer.append(relation)
        writer.append(kind.rawValue)
        writer.append(user)
        return writer.bytes
    }

    static func reverse(store: UInt32, user: UInt32, relation: UInt32, objectType: UInt32, object: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: reverseKeyBytes)
        writer.append(store)
        writer.append(user)
        writer.append(relation)
        writer.append(objectType)
        writer.append(object)
        return writer.bytes
    }

    /// `store · ULID`, the key of a model and of its assertions.
    static func model(store: UInt32, id: String) -> [UInt8] {
        var writer = ByteWriter(capacity: storeBytes + ulidBytes)
        writer.append(store)
        writer.append(bytes: id.utf8)
        return writer.bytes
    }

    static func change(store: UInt32, revision: UInt64, seq: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 16)
        writer.append(store)
        writer.append(revision)
        writer.append(seq)
        return writer.bytes
    }

    static func change(store: UInt32, objectType: UInt32, revision: UInt64, seq: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 20)
        writer.append(store)
        writer.append(objectType)
        writer.append(revision)
        writer.append(seq)
        return writer.bytes
    }

    static func journal(revision: UInt64, seq: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 12)
        writer.append(revision)
        writer.append(seq)
        return writer.bytes
    }

    static func revisionTime(micros: Int64, revision: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: 16)
        writer.append(micros)
        writer.append(revision)
        return writer.bytes
    }

    /// The smallest key greater than every key starting with `prefix`, or `nil` when the
    /// prefix is all `0xFF` (then the range runs to the end of the database).
    static func successor(of prefix: [UInt8]) -> [UInt8]? {
        var next = prefix
        while let last = next.last {
            if last < 0xFF {
                next[next.count - 1] = last + 1
                return next
            }
            next.removeLast()
        }
        return nil
    }
}

/// How a tuple's user is stored in the forward index; the raw value orders the index.
enum UserKind: UInt8 {
    /// `type:id`
    case object = 1
    /// `type:*`
    case wildcard = 2
    /// `type:id#relation`
    case userset = 3

    /// The kind of a user string that already passed validation (or a query's user).
    @inline(__always)
    init(user: String) {
        var sawColon = false
        var last: UInt8 = 0
        var beforeLast: UInt8 = 0
        for byte in user.utf8 {
            if byte == UInt8(ascii: "#"), sawColon {
                self = .userset
                return
            }
            if byte == UInt8(ascii: ":") { sawColon = true }
            beforeLast = last
            last = byte
        }
        self = last == UInt8(ascii: "*") && beforeLast == UInt8(ascii: ":") ? .wildcard : .object
    }
}
