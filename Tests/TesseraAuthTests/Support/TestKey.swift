import Crypto
import CryptoExtras
import Foundation

/// A signing key made in the test, its public JWK, and raw signing (so tests can sign any
/// header and payload bytes, including ones no JWT library would produce).
struct TestKey: Sendable {
    enum Material: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    let kid: String
    let material: Material

    static func rsa(_ kid: String, bits: Int = 2048) throws -> TestKey {
        let size = _RSA.Signing.KeySize(bitCount: bits)
        let key = bits < 2048 ? try _RSA.Signing.PrivateKey(unsafeKeySize: size) : try _RSA.Signing.PrivateKey(keySize: size)
        return TestKey(kid: kid, material: .rsa(key))
    }

    static func p256(_ kid: String) -> TestKey { TestKey(kid: kid, material: .p256(P256.Signing.PrivateKey())) }
    static func p384(_ kid: String) -> TestKey { TestKey(kid: kid, material: .p384(P384.Signing.PrivateKey())) }
    static func ed25519(_ kid: String) -> TestKey { TestKey(kid: kid, material: .ed25519(Curve25519.Signing.PrivateKey())) }

    /// The public JWK as JSON members; `extra` adds or overrides members (`alg`, `use`, …),
    /// and a nil value removes one.
    func jwk(_ extra: [String: String?] = [:]) throws -> [String: String] {
        var members: [String: String] = ["kid": kid]
        switch material {
        case .rsa(let key):
            let primitives = try key.publicKey.getKeyPrimitives()
            members["kty"] = "RSA"
            members["n"] = base64url(primitives.modulus)
            members["e"] = base64url(primitives.publicExponent)
        case .p256(let key):
            members.merge(ecMembers(key.publicKey.x963Representation, curve: "P-256")) { $1 }
        case .p384(let key):
            members.merge(ecMembers(key.publicKey.x963Representation, curve: "P-384")) { $1 }
        case .ed25519(let key):
            members["kty"] = "OKP"
            members["crv"] = "Ed25519"
            members["x"] = base64url(key.publicKey.rawRepresentation)
        }
        for (name, value) in extra { members[name] = value }
        return members
    }

    /// The PEM of the public key (what an HS256 confusion attack uses as the HMAC secret).
    var publicKeyPEM: String {
        switch material {
        case .rsa(let key): key.publicKey.pemRepresentation
        case .p256(let key): key.publicKey.pemRepresentation
        case .p384(let key): key.publicKey.pemRepresentation
        case .ed25519(let key): "ed25519:" + base64url(key.publicKey.rawRepresentation)
        }
    }

    /// A signature of `input` with `algorithm` (`RS256`, `PS256`, `ES256`, `EdDSA`, …).
    func sign(_ input: [UInt8], algorithm: String) throws -> [UInt8] {
        switch (material, algorithm) {
        case (.rsa(let key), "RS256"): return Array(try key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        case (.rsa(let key), "RS384"): return Array(try key.signature(for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        case (.rsa(let key), "RS512"): return Array(try key.signature(for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        case (.rsa(let key), "PS256"): return Array(try key.signature(for: SHA256.hash(data: input), padding: .PSS).rawRepresentation)
        case (.p256(let key), "ES256"): return Array(try key.signature(for: input).rawRepresentation)
        case (.p384(let key), "ES384"): return Array(try key.signature(for: input).rawRepresentation)
        case (.ed25519(let key), "EdDSA"): return Array(try key.signature(for: input))
        default: throw TestKeyError.unsupported(algorithm)
        }
    }

    private func ecMembers(_ x963: Data, curve: String) -> [String: String] {
        let coordinates = Array(x963.dropFirst())
        let half = coordinates.count / 2
        return ["kty": "EC", "crv": curve, "x": base64url(coordinates[..<half]), "y": base64url(coordinates[half...])]
    }
}

enum TestKeyError: Error {
    case unsupported(String)
}

/// Unpadded base64url.
func base64url(_ bytes: some Sequence<UInt8>) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
