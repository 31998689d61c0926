import Crypto

/// Recognises preshared keys in constant time.
///
/// The presented token and every configured key are compared as SHA-256 digests, which
/// have a fixed length whatever the key lengths, and every key is compared every time with
/// no early exit, so the time taken says nothing about which key, or how much of one,
/// matched (OpenFGA compares digests too).
struct PresharedKeyVerifier: Sendable {
    private let digests: [[UInt8]]

    init(keys: [String]) {
        digests = keys.map { Array(SHA256.hash(data: Array($0.utf8))) }
    }

    /// The caller for a known key, or `unauthenticated`.
    func verify(_ token: [UInt8]) throws(AuthFailure) -> Caller {
        let presented = Array(SHA256.hash(data: token))
        var matched = 0
        for (index, digest) in digests.enumerated() {
            var difference: UInt8 = 0
            for (a, b) in zip(presented, digest) { difference |= a ^ b }
            // Branch-free selection: mask is 0xFF…FF when equal, 0 otherwise.
            let mask = (Int(difference) - 1) >> (Int.bitWidth - 1)
            matched |= (index + 1) & mask
        }
        guard matched != 0 else {
            throw .invalidToken(.unknownPresharedKey, code: .unauthenticated, detail: "bearer token is not a configured preshared key")
        }
        return Caller(method: .preshared, clientID: "preshared-key-\(matched)")
    }
}
