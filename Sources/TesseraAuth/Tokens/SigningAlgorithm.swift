/// The JWS algorithms Tessera can verify with a public key (RFC 7518 §3).
///
/// HMAC (`HS256`…) and `none` are not cases, so no configuration can enable them: a resource
/// server that verifies with the issuer's *public* keys must never accept a MAC (RFC 8725 §3.1).
public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable {
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case ps384 = "PS384"
    case ps512 = "PS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"
    case eddsa = "EdDSA"

    /// The default allowlist: what common identity providers sign access tokens with.
    public static let defaultAllowed: Set<SigningAlgorithm> = [.rs256, .rs384, .rs512, .ps256, .es256, .es384, .eddsa]

    /// The JWK key type (`kty`) a key for this algorithm has.
    var keyType: String {
        switch self {
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: "RSA"
        case .es256, .es384, .es512: "EC"
        case .eddsa: "OKP"
        }
    }

    /// The exact signature length for ECDSA (r ‖ s) and EdDSA; RSA signatures are as long
    /// as the key's modulus, known only with the key.
    var fixedSignatureLength: Int? {
        switch self {
        case .es256: 64
        case .es384: 96
        case .es512: 132
        case .eddsa: 64
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: nil
        }
    }

    var isECDSA: Bool { keyType == "EC" }
}
