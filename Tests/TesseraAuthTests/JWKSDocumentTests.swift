import Testing
@testable import TesseraAuth

/// Reading a JWKS key by key: what is used, what is skipped and why.
struct JWKSDocumentTests {
    private func read(_ keys: [[String: String]], allowed: Set<SigningAlgorithm> = SigningAlgorithm.defaultAllowed) async throws -> KeySet {
        try await JWKSDocument.read(Array(try TokenFactory.json(["keys": keys]).utf8), allowedAlgorithms: allowed)
    }

    @Test func keysWithoutAlgArePinnedByType() async throws {
        let set = try await read([try TestKey.rsa("r").jwk(), try TestKey.p256("e").jwk(), try TestKey.p384("f").jwk(), try TestKey.ed25519("o").jwk()])
        #expect(set["r"]?.algorithm == .rs256)
        #expect(set["e"]?.algorithm == .es256)
        #expect(set["f"]?.algorithm == .es384)
        #expect(set["o"]?.algorithm == .eddsa)
        #expect(set.skipped.isEmpty)
    }

    @Test func unusableKeysAreSkippedWithoutLosingTheRest() async throws {
        let good = try TestKey.rsa("good")
        let set = try await read([
            try good.jwk(),
            ["kty": "oct", "kid": "hmac", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"],
            ["kty": "XYZ", "kid": "future"],
            try TestKey.rsa("enc").jwk(["use": "enc"]),
            try TestKey.rsa("oaep").jwk(["alg": "RSA-OAEP"]),
            try TestKey.p256("mismatch").jwk(["alg": "ES384"]),
            try TestKey.rsa("ops").jwk(["key_ops": "encrypt"]),
            try TestKey.rsa("private").jwk(["d": "AQAB"]),
            try TestKey.rsa(" bad kid").jwk(),
            try TestKey.rsa("no-kid").jwk(["kid": nil]),
        ])
        #expect(Array(set.keys.keys) == ["good"])
        #expect(set.skipped.count == 9)
        #expect(set.skipped.contains { $0.keyID == "hmac" && $0.problem.contains("oct") })
        #expect(set.skipped.contains { $0.keyID == "enc" && $0.problem.contains("use") })
    }

    @Test func twoKeysUnderOneKidAreBothDropped() async throws {
        let set = try await read([try TestKey.rsa("same").jwk(), try TestKey.ed25519("same").jwk(), try TestKey.ed25519("other").jwk()])
        #expect(Array(set.keys.keys) == ["other"])
        #expect(set.skipped.contains { $0.keyID == "same" })
    }

    @Test func algorithmsOutsideTheAllowlistAreSkipped() async throws {
        let set = try await read([try TestKey.rsa("ps").jwk(["alg": "PS512"]), try TestKey.ed25519("ed").jwk()], allowed: [.eddsa])
        #expect(Array(set.keys.keys) == ["ed"])
    }

    @Test func weakAndOversizedRSAModuliAreSkipped() async throws {
        let set = try await read([try TestKey.rsa("weak", bits: 1024).jwk(), try TestKey.rsa("ok", bits: 3072).jwk()])
        #expect(Array(set.keys.keys) == ["ok"])
        #expect(set.skipped.first?.problem.contains("1024 bits") == true)
        #expect(set["ok"]?.signatureLength == 384)
    }
}
