import Crypto
import Foundation

/// Verifies OIDC JWT access tokens (RFC 9068 when its profile is on).
///
/// jwt-kit alone is not a safe verifier (an unknown `kid` falls back to its default key, the
/// header `alg` is never compared with the key, and a JWK without `alg` adopts the first
/// token's), so the order here is Tessera's own:
///
/// 1. split the compact serialisation: exactly three segments of canonical base64url;
/// 2. read the header strictly (a JSON object, no duplicate members) and check `alg`,
///    key-bearing parameters, `crit`, `typ` and `kid` (``JOSEHeader``);
/// 3. look the `kid` up in the issuer's keys (refreshing at most once a minute when it is
///    unknown) and require the header `alg` to equal the key's pinned algorithm;
/// 4. let jwt-kit check the signature with that key alone (``VerificationKey``);
/// 5. only then read the claims, strictly, and check them (``AccessTokenClaims``).
struct AccessTokenVerifier: Sendable {
    let oidc: OIDCConfiguration
    let keys: JWKSProvider
    let tenantClaim: String
    let requireTenantClaim: Bool

    func verify(_ token: [UInt8], now: Date) async throws(AuthFailure) -> Caller {
        let segments = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw .invalidClaims(.malformedToken, "\(segments.count) segments instead of 3") }
        guard let headerBytes = Base64URL.decode(segments[0]), let payloadBytes = Base64URL.decode(segments[1]),
            let signature = Base64URL.decode(segments[2])
        else { throw .invalidClaims(.malformedToken, "a segment is not canonical base64url") }

        let header = try JOSEHeader.read(try object(headerBytes, part: "header", reason: .malformedHeader), configuration: oidc)
        guard !signature.isEmpty else { throw .invalidClaims(.malformedToken, "empty signature") }

        let key: VerificationKey
        switch await keys.key(for: header.keyID, now: now) {
        case .found(let found): key = found
        case .unknown: throw .invalidClaims(.unknownKeyID, "kid \(header.keyID) is not in the issuer's JWKS")
        case .unavailable: throw .invalidClaims(.keysUnavailable, "the issuer's keys could not be loaded")
        }
        guard key.algorithm == header.algorithm else {
            throw .invalidClaims(.algorithmMismatch, "alg \(header.algorithm.rawValue) but key \(key.keyID) is \(key.algorithm.rawValue)")
        }
        let signingInput = token[..<(segments[0].count + 1 + segments[1].count)]
        guard key.isValidSignature(signature, signingInput: signingInput) else {
            throw .invalidClaims(.badSignature, "signature does not verify with key \(key.keyID)")
        }

        let claims = try AccessTokenClaims.read(
            try object(payloadBytes, part: "claims", reason: .malformedClaims),
            oidc: oidc,
            tenantClaim: tenantClaim,
            requireTenantClaim: requireTenantClaim,
            now: now
        )
        return Caller(
            method: .oidc,
            subject: claims.subject,
            clientID: claims.clientID,
            issuer: claims.issuer,
            grantedScopes: claims.scopes,
            allowedStores: claims.stores,
            tokenID: claims.tokenID,
            tokenSHA256: Self.hex(SHA256.hash(data: token)),
            expiresAt: Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
        )
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A JOSE header or claims set: a JSON object in valid UTF-8 without duplicate members.
    private func object(_ bytes: [UInt8], part: String, reason: AuthFailureReason) throws(AuthFailure) -> [String: StrictJSON] {
        let value: StrictJSON
        do {
            value = try StrictJSONParser.parse(bytes)
        } catch .duplicateMember(let name) {
            throw .invalidClaims(.duplicateMember, "\(part) has member \(name) twice")
        } catch {
            throw .invalidClaims(reason, "\(part) is not valid JSON (\(error))")
        }
        guard let members = value.objectValue else { throw .invalidClaims(reason, "\(part) is not a JSON object") }
        return members
    }
}
