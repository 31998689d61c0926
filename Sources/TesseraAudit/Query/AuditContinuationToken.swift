import Crypto
import TesseraStore

/// The continuation token of `GET /stores/{id}/audit`: opaque to clients, base64url of
/// `version · query fingerprint · sequence`. The fingerprint (8 bytes of SHA-256 over the
/// query's filters, store included) binds a token to the query it was minted for, so a token
/// of another store or other filters is refused rather than read as a position. A client can
/// at most forge a later position of its own query, which the filters would allow anyway.
public enum AuditContinuationToken {
    private static let version: UInt8 = 1
    private static let fingerprintBytes = 8

    /// The token that continues `query` after the entry `sequence`.
    public static func encode(after sequence: Int64, query: AuditQuery) -> String {
        var bytes = [version] + fingerprint(query)
        withUnsafeBytes(of: sequence.bigEndian) { bytes.append(contentsOf: $0) }
        return Base64URL.encode(bytes)
    }

    /// The sequence number a token continues after; nil when it is malformed or was minted
    /// for another query.
    public static func decode(_ token: String, query: AuditQuery) -> Int64? {
        guard let bytes = Base64URL.decode(token), bytes.count == 1 + fingerprintBytes + 8, bytes[0] == version,
            Array(bytes[1...fingerprintBytes]) == fingerprint(query)
        else { return nil }
        let sequence = bytes[(1 + fingerprintBytes)...].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        return sequence >= 0 ? sequence : nil
    }

    /// The filters of `query` (not its position or page size), each framed by its length.
    private static func fingerprint(_ query: AuditQuery) -> [UInt8] {
        var hasher = SHA256()
        let parts: [String?] = [
            query.storeID, query.actor, query.since.map { "\(AuditTime.microseconds($0))" }, query.until.map { "\(AuditTime.microseconds($0))" },
            query.kind?.rawValue, query.object, query.user, query.requestID,
        ]
        for part in parts {
            guard let part else {
                hasher.update(data: [0])
                continue
            }
            var length = UInt64(part.utf8.count).bigEndian
            hasher.update(data: [1])
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: Array(part.utf8))
        }
        return Array(hasher.finalize().prefix(fingerprintBytes))
    }
}
