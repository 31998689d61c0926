import Crypto
import Foundation
import TesseraAuth

/// A test issuer: an Ed25519 key made in the test, its JWKS written to a file the server
/// reads (`--authn-oidc-jwks-file`), and access tokens signed with it.
struct TokenMinter: Sendable {
    static let issuer = "https://issuer.tessera.test"
    static let audience = "https://tessera.test"
    static let allScopes = ["tessera:read", "tessera:write", "tessera:model", "tessera:admin", "tessera:metrics"]

    let kid: String
    private let key: Curve25519.Signing.PrivateKey
    /// The JWKS file publishing the public key.
    let jwksPath: String

    /// Makes a key and writes its JWKS into `directory`.
    init(directory: String, kid: String = "server-auth-test") throws {
        self.kid = kid
        key = Curve25519.Signing.PrivateKey()
        jwksPath = directory + "/jwks.json"
        let jwk = ["kty": "OKP", "crv": "Ed25519", "kid": kid, "x": Self.base64url(key.publicKey.rawRepresentation)]
        try Self.json(["keys": [jwk]]).write(toFile: jwksPath, atomically: true, encoding: .utf8)
    }

    /// The OIDC configuration for this issuer.
    var oidc: OIDCConfiguration {
        OIDCConfiguration(issuer: Self.issuer, audience: Self.audience, keySource: .file(jwksPath))
    }

    /// A token granting `scopes`, confined to `stores` when given; `claims` overrides or
    /// (with nil) removes claims.
    func token(scopes: [String], stores: [String]? = nil, claims overrides: [String: Any?] = [:]) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": Self.issuer, "aud": Self.audience, "sub": "user-1", "client_id": "app-1", "jti": UUID().uuidString,
            "iat": now - 5, "exp": now + 600, "scope": scopes.joined(separator: " "),
        ]
        if let stores { claims["tessera_stores"] = stores }
        for (name, value) in overrides { claims[name] = value }
        return try sign(header: ["alg": "EdDSA", "kid": kid, "typ": "at+jwt"], claims: claims)
    }

    /// A compact JWS of `header` and `claims` signed with this key.
    func sign(header: [String: Any], claims: [String: Any]) throws -> String {
        let input = Self.base64url(Data(try Self.json(header).utf8)) + "." + Self.base64url(Data(try Self.json(claims).utf8))
        return input + "." + Self.base64url(try key.signature(for: Data(input.utf8)))
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func base64url(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
