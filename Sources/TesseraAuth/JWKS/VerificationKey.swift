import JWTKit

/// One usable signing key from the issuer's JWKS, pinned to exactly one algorithm.
///
/// The signature check itself is jwt-kit's (`JWTAlgorithm.verify(_:signs:)`) on an algorithm
/// built for this key alone, so none of `JWTKeyCollection`'s lookups are involved: no
/// fall-back to a default key for an unknown `kid`, and no algorithm taken from a token.
struct VerificationKey: Sendable {
    let keyID: String
    let algorithm: SigningAlgorithm
    /// The only signature length this key can produce (modulus size for RSA).
    let signatureLength: Int
    let verifier: any JWTAlgorithm

    /// Whether `signature` is this key's signature over `signingInput`.
    func isValidSignature(_ signature: [UInt8], signingInput: ArraySlice<UInt8>) -> Bool {
        guard signature.count == signatureLength else { return false }
        if algorithm.isECDSA {
            // r = 0 or s = 0 is never valid (CVE-2022-21449); refuse it before the library sees it.
            let half = signature.count / 2
            if signature[..<half].allSatisfy({ $0 == 0 }) || signature[half...].allSatisfy({ $0 == 0 }) {
                return false
            }
        }
        do {
            return try verifier.verify(signature, signs: signingInput)
        } catch {
            return false
        }
    }
}
