import Crypto

/// The hash chain. Each entry's hash is SHA-256 over a domain tag, the previous entry's
/// hash, the entry's sequence number and every stored column of the entry and of its tuples,
/// in a fixed order, each field framed so that no two different entries encode alike:
///
/// ```
/// "tessera-audit-v1\n"
/// text(previous hash) int(sequence) int(time µs) text(kind)
/// opt(store id) opt(model id) opt(identity) opt(subject) opt(client id) opt(issuer)
/// opt(token sha256) opt(source address) opt(request id) text(outcome) opt(reason)
/// optInt(revision) opt(detail JSON) int(tuple count)
/// per tuple: text(operation) text(object) text(relation) text(user) opt(condition) opt(context JSON)
///
/// text(s) = 0x01 · UInt64 byte count · UTF-8     int(n) = 0x02 · Int64
/// opt(nil) = optInt(nil) = 0x00                  (all integers big-endian)
/// ```
///
/// The first entry follows `genesis` (64 zeros); after pruning, the anchor keeps the hash
/// the remaining chain continues from.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)
    private static let domain = Array("tessera-audit-v1\n".utf8)

    static func hash(of row: AuditRow) -> String {
        var bytes = domain
        bytes.reserveCapacity(512)
        text(row.previousHash, &bytes)
        integer(row.sequence, &bytes)
        integer(row.microseconds, &bytes)
        text(row.kind, &bytes)
        for field in [row.storeID, row.modelID, row.identity, row.subject, row.clientID, row.issuer, row.tokenSHA256, row.sourceAddress, row.requestID] {
            optional(field, &bytes)
        }
        text(row.outcome, &bytes)
        optional(row.reason, &bytes)
        if let revision = row.revision { integer(revision, &bytes) } else { bytes.append(0) }
        optional(row.detail, &bytes)
        integer(Int64(row.tuples.count), &bytes)
        for tuple in row.tuples {
            text(tuple.operation, &bytes)
            text(tuple.object, &bytes)
            text(tuple.relation, &bytes)
            text(tuple.user, &bytes)
            optional(tuple.conditionName, &bytes)
            optional(tuple.conditionContext, &bytes)
        }
        return hex(SHA256.hash(data: bytes))
    }

    private static func text(_ value: String, _ bytes: inout [UInt8]) {
        bytes.append(1)
        append(UInt64(value.utf8.count), &bytes)
        bytes.append(contentsOf: value.utf8)
    }

    private static func optional(_ value: String?, _ bytes: inout [UInt8]) {
        if let value { text(value, &bytes) } else { bytes.append(0) }
    }

    private static func integer(_ value: Int64, _ bytes: inout [UInt8]) {
        bytes.append(2)
        append(UInt64(bitPattern: value), &bytes)
    }

    private static func append(_ value: UInt64, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
