import Crypto

/// Mints and checks continuation tokens: opaque, authenticated, bound to one query.
///
/// A token is base64url of `version · kind · store · query fingerprint · position · MAC`,
/// where the MAC is HMAC-SHA256 (truncated to 16 bytes) under a random key kept in the
/// database, so tokens survive restarts and read-only processes can check them. Anything
/// that fails to parse, fails the MAC, or was minted for another kind of listing, another
/// store or another query is `invalid_continuation_token` — never a crash or a wrong page.
struct ContinuationTokenCodec: Sendable {
    enum Kind: UInt8 {
        case read = 1
        case changes = 2
        case stores = 3
        case models = 4
        /// A listing kept beside the store: the audit log (`GET /stores/{id}/audit`).
        case audit = 5
    }

    /// What a valid token says.
    struct Position {
        var fingerprint: [UInt8]
        var bytes: [UInt8]
    }

    static let maxTokenBytes = 5120
    private static let version: UInt8 = 1
    private static let macBytes = 16
    private static let fingerprintBytes = 8
    private let key: SymmetricKey

    init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    /// An 8-byte fingerprint of the query a token belongs to.
    static func fingerprint(_ parts: String...) -> [UInt8] {
        fingerprint(parts)
    }

    static func fingerprint(_ parts: [String]) -> [UInt8] {
        var hasher = SHA256()
        for part in parts {
            var length = UInt32(truncatingIfNeeded: part.utf8.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: Array(part.utf8))
        }
        return Array(hasher.finalize().prefix(fingerprintBytes))
    }

    func encode(kind: Kind, store: UInt32, fingerprint: [UInt8], position: [UInt8]) -> String {
        var writer = ByteWriter(capacity: 48 + position.count)
        writer.append(Self.version)
        writer.append(kind.rawValue)
        writer.append(store)
        writer.append(bytes: fingerprint.prefix(Self.fingerprintBytes))
        writer.append(bytes: position)
        var payload = writer.bytes
        payload.append(contentsOf: HMAC<SHA256>.authenticationCode(for: payload, using: key).prefix(Self.macBytes))
        return Base64URL.encode(payload)
    }

    /// Checks a token and returns its position. A token with a valid MAC but another query
    /// fingerprint is returned too (`fingerprint` differs) so callers can name the mismatch.
    func decode(_ token: String, kind: Kind, store: UInt32) throws -> Position {
        guard token.utf8.count <= Self.maxTokenBytes, let bytes = Base64URL.decode(token) else {
            throw StoreError.invalidContinuationToken()
        }
        let headerBytes = 2 + 4 + Self.fingerprintBytes
        guard bytes.count >= headerBytes + Self.macBytes else { throw StoreError.invalidContinuationToken() }
        let payload = bytes[..<(bytes.count - Self.macBytes)]
        let mac = bytes[(bytes.count - Self.macBytes)...]
        let expected = HMAC<SHA256>.authenticationCode(for: Array(payload), using: key).prefix(Self.macBytes)
        guard Self.constantTimeEqual(Array(mac), Array(expected)) else { throw StoreError.invalidContinuationToken() }
        let tokenStore = payload.withUnsafeBytes { $0.bigEndianUInt32(at: 2) }
        guard payload[payload.startIndex] == Self.version, payload[payload.startIndex + 1] == kind.rawValue, tokenStore == store else {
            throw StoreError.invalidContinuationToken()
        }
        let fingerprintStart = payload.startIndex + 6
        return Position(
            fingerprint: Array(payload[fingerprintStart..<fingerprintStart + Self.fingerprintBytes]),
            bytes: Array(payload[(fingerprintStart + Self.fingerprintBytes)...])
        )
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
