import Crypto
import Foundation
import Testing
import TesseraAuth

/// One test per case of the negative checklist in `shared/reference/security.md` §3.5.
/// Keys are made in each test; the issuer's discovery and JWKS documents are served by a
/// local HTTP server on 127.0.0.1. Where a case is about one defect, the test also shows
/// that a valid token of the same shape is accepted, so the refusal is not incidental.
struct NegativeChecklistTests {
    @Test func case01_missingAuthorizationHeaderAnswers401WithBareChallenge() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let outcome = await fixture.authenticator.authenticate(AuthRequest(authorizationHeader: nil, sourceAddress: "192.0.2.1"), now: t0)
            let failure = try #require(outcome.failure)
            #expect(failure.status == 401)
            #expect(failure.code == .bearerTokenMissing)
            #expect(failure.wwwAuthenticate == "Bearer")
            #expect(failure.jsonBody == #"{"code":"bearer_token_missing","message":"missing bearer token"}"#)
        }
    }

    @Test func case02_tokenInHeaderAndQueryOrBodyIsInvalidRequest() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let token = try fixture.token()
            for (query, body) in [(true, false), (false, true), (true, true)] {
                let request = AuthRequest(authorizationHeader: "Bearer " + token, queryAccessToken: query, bodyAccessToken: body, sourceAddress: "192.0.2.1")
                let failure = try #require(await fixture.authenticator.authenticate(request, now: t0).failure)
                #expect(failure.status == 400)
                #expect(failure.code == .invalidRequest)
                #expect(failure.reason == .multipleTokenMethods)
                #expect(failure.wwwAuthenticate?.hasPrefix(#"Bearer error="invalid_request""#) == true)
            }
            #expect(await fixture.authenticate(token).caller != nil)
        }
    }

    @Test func case03_malformedCompactSerialisationIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let token = try fixture.token()
            let parts = token.split(separator: ".").map(String.init)
            let malformed: [(String, AuthFailureReason)] = [
                ("", .malformedToken),
                ("   ", .malformedToken),
                (parts[0] + "." + parts[1], .malformedToken),
                (token + "." + parts[2], .malformedToken),
                (parts[0] + "." + parts[1] + "!." + parts[2], .malformedToken),
                (parts[0] + "." + parts[1] + "." + parts[2] + "==", .malformedToken),
                (parts[0] + "." + parts[1] + "." + parts[2] + " garbage", .malformedToken),
                (token + ".", .malformedToken),
                // Extra base64url characters decode to a longer signature, which cannot verify.
                (token + "A", .badSignature),
            ]
            for (candidate, reason) in malformed {
                let outcome = await fixture.authenticator.authenticate(
                    AuthRequest(authorizationHeader: "Bearer " + candidate, sourceAddress: "192.0.2.1"), now: t0)
                expectInvalidToken(outcome, reason)
            }
            #expect(await fixture.authenticate(token).caller != nil)
        }
    }

    @Test func case04_headerOrPayloadNotAJSONObjectOrNotUTF8IsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let key = fixture.keys[0]
            let header = #"{"alg":"RS256","kid":"rsa-1"}"#
            let payload = try TokenFactory.json(fixture.claims())
            let cases: [(headerBytes: [UInt8], payloadBytes: [UInt8], reason: AuthFailureReason)] = [
                (Array(#"["RS256","rsa-1"]"#.utf8), Array(payload.utf8), .malformedHeader),
                (Array(#""RS256""#.utf8), Array(payload.utf8), .malformedHeader),
                (Array(#"{"alg":"RS256","kid":"rsa-1""#.utf8), Array(payload.utf8), .malformedHeader),
                (Array(#"{"alg":"RS256","kid":"rsa-1","x":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), Array(payload.utf8), .malformedHeader),
                (Array(header.utf8), Array("123".utf8), .malformedClaims),
                (Array(header.utf8), Array("[]".utf8), .malformedClaims),
                (Array(header.utf8), Array(payload.dropLast().utf8) + Array(#","name":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8), .malformedClaims),
            ]
            for item in cases {
                let token = try TokenFactory.sign(headerBytes: item.headerBytes, payloadBytes: item.payloadBytes, key: key, algorithm: "RS256")
                expectInvalidToken(await fixture.authenticate(token), item.reason)
            }
            let valid = try TokenFactory.sign(header: header, payload: payload, key: key, algorithm: "RS256")
            #expect(await fixture.authenticate(valid).caller != nil)
        }
    }

    /// Decision: duplicate member names are refused, in the header and in the claims, also
    /// when spelt differently with escapes. Both halves are validly signed, so only the
    /// duplicate can be the reason.
    @Test func case05_duplicateClaimOrHeaderParameterIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let key = fixture.keys[0]
            let header = #"{"alg":"RS256","kid":"rsa-1"}"#
            let payload = try TokenFactory.json(fixture.claims())
            let duplicateAudience = String(payload.dropLast()) + #","aud":"https://other.example"}"#
            let escapedDuplicate = String(payload.dropLast()) + #","\u0061ud":"https://other.example"}"#
            let duplicateAlgorithm = #"{"alg":"RS256","kid":"rsa-1","alg":"none"}"#
            for (headerText, payloadText) in [(header, duplicateAudience), (header, escapedDuplicate), (duplicateAlgorithm, payload)] {
                let token = try TokenFactory.sign(header: headerText, payload: payloadText, key: key, algorithm: "RS256")
                expectInvalidToken(await fixture.authenticate(token), .duplicateMember)
            }
            #expect(try await fixture.authenticate(TokenFactory.sign(header: header, payload: payload, key: key, algorithm: "RS256")).caller != nil)
        }
    }

    @Test func case06_algNoneAndEmptySignatureAreRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let payload = try TokenFactory.json(fixture.claims())
            for alg in ["none", "None", "NONE"] {
                let token = TokenFactory.assemble(header: #"{"alg":"\#(alg)","kid":"rsa-1"}"#, payload: payload, signature: [])
                expectInvalidToken(await fixture.authenticate(token), .algorithmNone)
            }
            let emptySignature = TokenFactory.assemble(header: #"{"alg":"RS256","kid":"rsa-1"}"#, payload: payload, signature: [])
            #expect(emptySignature.hasSuffix("."))
            expectInvalidToken(await fixture.authenticate(emptySignature), .malformedToken)
        }
    }

    @Test func case07_hs256SignedWithRSAPublicKeyIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let key = fixture.keys[0]
            let header = #"{"alg":"HS256","kid":"rsa-1","typ":"JWT"}"#
            let payload = try TokenFactory.json(fixture.claims())
            let input = base64url(Array(header.utf8)) + "." + base64url(Array(payload.utf8))
            // The classic confusion: the verifier's own public key, as PEM and as JWK text, used as the MAC secret.
            for secret in [key.publicKeyPEM, try TokenFactory.json(try key.jwk())] {
                let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
                let token = input + "." + base64url(Array(mac))
                expectInvalidToken(await fixture.authenticate(token), .algorithmNotAllowed)
            }
        }
    }

    @Test func case08_algorithmOutsideAllowlistIsRefused() async throws {
        let rsa = try TestKey.rsa("rsa-1")
        let p384 = TestKey.p384("ec-384")
        // PS256 and ES384 are not in this allowlist; the ES384 key is published and skipped.
        try await OIDCFixture.with(keys: [rsa, p384], configure: { _, oidc in oidc.algorithms = [.rs256, .es256] }) { fixture in
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: rsa, algorithm: "PS256")), .algorithmNotAllowed)
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: p384, algorithm: "ES384")), .algorithmNotAllowed)
            let payload = try TokenFactory.json(fixture.claims())
            for alg in ["RS512", "ES512", "HS512", "rs256"] {
                let token = TokenFactory.assemble(header: #"{"alg":"\#(alg)","kid":"rsa-1"}"#, payload: payload, signature: [1, 2, 3])
                expectInvalidToken(await fixture.authenticate(token), .algorithmNotAllowed)
            }
            #expect(await fixture.signingKeyIDs == ["rsa-1"])
            #expect(try await fixture.authenticate(fixture.token(key: rsa)).caller != nil)
        }
    }

    @Test func case09_algorithmDifferentFromKeyOrEncryptionKeyIsRefused() async throws {
        let declared = try TestKey.rsa("rsa-declared")
        let undeclared = try TestKey.rsa("rsa-undeclared")
        let encryption = try TestKey.rsa("rsa-enc")
        let jwks = [
            try declared.jwk(["alg": "RS256"]),
            try undeclared.jwk(),
            try encryption.jwk(["use": "enc"]),
        ]
        try await OIDCFixture.with(keys: [declared, undeclared, encryption], jwks: jwks) { fixture in
            // A correct PS256 signature by the right key is still refused: the key is RS256.
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: declared, algorithm: "PS256")), .algorithmMismatch)
            // Without `alg` in the JWK the key is pinned to RS256 by its type, so a PS256 token
            // neither passes nor changes what the key accepts next (jwt-kit would cache PS256).
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: undeclared, algorithm: "PS256")), .algorithmMismatch)
            #expect(try await fixture.authenticate(fixture.token(key: undeclared, algorithm: "RS256")).caller != nil)
            // `use: enc` keys are not signing keys.
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: encryption)), .unknownKeyID)
            #expect(try await fixture.authenticate(fixture.token(key: declared)).caller != nil)
        }
    }

    @Test func case10_oneFlippedPayloadBitIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1"), .p256("ec-1"), .ed25519("ed-1")]) { fixture in
            for key in fixture.keys {
                let token = try fixture.token(key: key)
                #expect(await fixture.authenticate(token).caller != nil)
                let parts = token.split(separator: ".").map(String.init)
                var payload = try #require(Data(base64Encoded: base64Padded(parts[1])))
                payload[payload.count / 2] ^= 0x01
                let tampered = parts[0] + "." + base64url(payload) + "." + parts[2]
                expectInvalidToken(await fixture.authenticate(tampered), .badSignature)
            }
        }
    }

    @Test func case11_ecdsaZeroSignatureIsRefused() async throws {
        try await OIDCFixture.with(keys: [.p256("ec-1")]) { fixture in
            let header = try TokenFactory.json(["alg": "ES256", "kid": "ec-1"])
            let payload = try TokenFactory.json(fixture.claims())
            let zero = TokenFactory.assemble(header: header, payload: payload, signature: [UInt8](repeating: 0, count: 64))
            expectInvalidToken(await fixture.authenticate(zero), .badSignature)
            let zeroR = TokenFactory.assemble(header: header, payload: payload, signature: [UInt8](repeating: 0, count: 32) + [UInt8](repeating: 1, count: 32))
            expectInvalidToken(await fixture.authenticate(zeroR), .badSignature)
            #expect(try await fixture.authenticate(fixture.token()).caller != nil)
        }
    }

    @Test func case12_unknownKidCausesOneRateLimitedRefetchThenRefusal() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let stranger = try TestKey.rsa("stranger")
            #expect(fixture.jwksHits == 1)
            // Within a minute of the initial load: refused without fetching.
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: stranger), at: t0.addingTimeInterval(30)), .unknownKeyID)
            #expect(fixture.jwksHits == 1)
            // A minute later: exactly one refetch, then refusal.
            let later = t0.addingTimeInterval(61)
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: stranger), at: later), .unknownKeyID)
            #expect(fixture.jwksHits == 2)
            // A thousand random kids in the following minute cause no further fetch.
            let header = #"{"alg":"RS256","kid":"KID"}"#
            let payload = try TokenFactory.json(fixture.claims())
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<1000 {
                    group.addTask {
                        let kid = UUID().uuidString
                        let token = TokenFactory.assemble(header: header.replacingOccurrences(of: "KID", with: kid), payload: payload, signature: [1])
                        expectInvalidToken(await fixture.authenticate(token, at: later.addingTimeInterval(Double(index) * 0.05)), .unknownKeyID)
                    }
                }
            }
            #expect(fixture.jwksHits == 2)
        }
    }

    @Test func case13_injectionShapedKidsAreRefusedWithoutAnyLookup() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let payload = try TokenFactory.json(fixture.claims())
            // Past the unknown-kid interval, so a lookup would be allowed to fetch.
            let later = t0.addingTimeInterval(3600)
            for kid in ["../../dev/null", "' OR '1'='1", String(repeating: "k", count: 10 * 1024), "rsa-1\u{0}", "a/../b"] {
                let header = try TokenFactory.json(["alg": "RS256", "kid": kid])
                let token = try TokenFactory.sign(header: header, payload: payload, key: fixture.keys[0], algorithm: "RS256")
                expectInvalidToken(await fixture.authenticate(token, at: later), .malformedKeyID)
            }
            #expect(fixture.jwksHits == 1)
        }
    }

    @Test func case14_jkuAndX5uAreNeverFollowed() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let attacker = try TestKey.rsa("attacker")
            fixture.server.set("/attacker-jwks", .json(try TokenFactory.json(["keys": [try attacker.jwk()]])))
            for parameter in ["jku", "x5u"] {
                let token = try fixture.token(header: [parameter: fixture.issuer + "/attacker-jwks"], key: attacker)
                expectInvalidToken(await fixture.authenticate(token, at: t0.addingTimeInterval(3600)), .embeddedKeyReference)
                // Even naming a key Tessera knows does not make such a token acceptable.
                let known = try fixture.token(header: [parameter: fixture.issuer + "/attacker-jwks"])
                expectInvalidToken(await fixture.authenticate(known), .embeddedKeyReference)
            }
            #expect(fixture.server.hits("/attacker-jwks") == 0)
        }
    }

    @Test func case15_embeddedJWKIsNotTrusted() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let attacker = try TestKey.rsa("rsa-1")
            let token = try fixture.token(header: ["jwk": try attacker.jwk()], key: attacker)
            expectInvalidToken(await fixture.authenticate(token), .embeddedKeyReference)
            // Without the header parameter the attacker's signature is simply wrong for kid rsa-1.
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: attacker)), .badSignature)
        }
    }

    @Test func case16_unknownCriticalHeaderIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let token = try fixture.token(header: ["crit": ["exp2"], "exp2": 1])
            expectInvalidToken(await fixture.authenticate(token), .criticalHeader)
            #expect(try await fixture.authenticate(fixture.token(header: ["exp2": 1])).caller != nil)
        }
    }

    @Test func case17_wrongTypeIsRefusedInRFC9068Mode() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")], configure: { _, oidc in oidc.rfc9068 = true }) { fixture in
            expectInvalidToken(await fixture.authenticate(try fixture.token(header: ["typ": nil])), .wrongType)
            expectInvalidToken(await fixture.authenticate(try fixture.token(header: ["typ": "JWT"])), .wrongType)
            // An ID token of the same issuer: typ JWT, audience the client, a nonce.
            let idToken = try fixture.token(claims: ["aud": "app-1", "nonce": "n-1", "azp": "app-1"], header: ["typ": "JWT"])
            expectInvalidToken(await fixture.authenticate(idToken), .wrongType)
            #expect(try await fixture.authenticate(fixture.token(header: ["typ": "at+jwt"])).caller != nil)
            #expect(try await fixture.authenticate(fixture.token(header: ["typ": "application/AT+JWT"])).caller != nil)
        }
    }

    @Test func case18_issuerVariantsAndAnotherIssuersKeyAreRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let issuer = fixture.issuer
            let variants = [issuer + "/", issuer.uppercased(), issuer.replacingOccurrences(of: "http://", with: "https://"), "https://other-issuer.example"]
            for variant in variants {
                expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["iss": variant])), .wrongIssuer)
            }
            // Issuer B signs a token claiming to come from us, under our kid.
            let issuerB = try TestKey.rsa("rsa-1")
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: issuerB)), .badSignature)
            #expect(try await fixture.authenticate(fixture.token()).caller != nil)
        }
    }

    @Test func case19_missingOrForeignAudienceIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["aud": nil])), .missingClaim)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["aud": "https://other.example"])), .wrongAudience)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["aud": ["https://a.example", "https://b.example"]])), .wrongAudience)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["aud": []])), .wrongAudience)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["aud": OIDCFixture.audience + "/"])), .wrongAudience)
            let many = try fixture.token(claims: ["aud": ["https://a.example", OIDCFixture.audience]])
            #expect(await fixture.authenticate(many).caller != nil)
        }
    }

    @Test func case20_missingOrInvalidExpirationIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let now = Int(t0.timeIntervalSince1970)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["exp": nil])), .missingClaim)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["exp": now - 61])), .expired)
            let malformed: [Any] = [String(now + 600), Double(now) + 600.5, -1, 9_007_199_254_740_993, NSNull(), true]
            for value in malformed {
                expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["exp": value])), .malformedClaims)
            }
            // Within the 60 s leeway.
            #expect(try await fixture.authenticate(fixture.token(claims: ["exp": now - 30])).caller != nil)
        }
    }

    @Test func case21_notBeforeOrIssuedAtInTheFutureIsRefused() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let now = Int(t0.timeIntervalSince1970)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["nbf": now + 61])), .notYetValid)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["iat": now + 61])), .issuedInFuture)
            #expect(try await fixture.authenticate(fixture.token(claims: ["nbf": now + 30, "iat": now + 30])).caller != nil)
        }
    }

    @Test func case22_missingProfileClaimsAreRefusedInRFC9068Mode() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")], configure: { _, oidc in oidc.rfc9068 = true }) { fixture in
            for claim in ["sub", "client_id", "jti", "iat"] {
                expectInvalidToken(await fixture.authenticate(try fixture.token(claims: [claim: nil])), .missingClaim)
            }
            #expect(try await fixture.authenticate(fixture.token()).caller != nil)
        }
    }

    @Test func case23_validTokenLackingRequiredScopeIsForbidden() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": "tessera:read"])).caller)
            #expect(fixture.authenticator.authorize(caller, operation: .check, storeID: "S1") == nil)
            let failure = try #require(fixture.authenticator.authorize(caller, operation: .write, storeID: "S1"))
            #expect(failure.status == 403)
            #expect(failure.code == .forbidden)
            #expect(failure.reason == .insufficientScope)
            #expect(failure.wwwAuthenticate == #"Bearer error="insufficient_scope", scope="tessera:write""#)
            #expect(failure.message == "the principal is not authorized to perform the action: the access token lacks scope tessera:write")
        }
    }

    @Test func case24_jwksRSAKeyOf1024BitsIsIgnored() async throws {
        let weak = try TestKey.rsa("weak", bits: 1024)
        let strong = try TestKey.rsa("strong")
        try await OIDCFixture.with(keys: [weak, strong]) { fixture in
            #expect(await fixture.signingKeyIDs == ["strong"])
            expectInvalidToken(await fixture.authenticate(try fixture.token(key: weak)), .unknownKeyID)
            #expect(try await fixture.authenticate(fixture.token(key: strong)).caller != nil)
        }
    }

    @Test func case25_64KiBTokenOrHeaderIsRefusedBeforeParsing() async throws {
        try await OIDCFixture.with(keys: [try .rsa("rsa-1")]) { fixture in
            let later = t0.addingTimeInterval(3600)
            // A token of valid shape whose kid is unknown: parsing it would trigger a JWKS fetch.
            let header = base64url(Array(#"{"alg":"RS256","kid":"never-seen"}"#.utf8))
            let huge = header + "." + String(repeating: "A", count: 64 * 1024) + ".AAAA"
            expectInvalidToken(await fixture.authenticate(huge, at: later), .oversizedToken)
            let hugeHeader = "Basic " + String(repeating: "A", count: 64 * 1024)
            let outcome = await fixture.authenticator.authenticate(AuthRequest(authorizationHeader: hugeHeader, sourceAddress: "192.0.2.1"), now: later)
            #expect(outcome.failure?.reason == .oversizedToken)
            #expect(outcome.failure?.status == 401)
            #expect(fixture.jwksHits == 1)
        }
    }
}

/// Standard base64 with padding from base64url (for decoding in tests).
func base64Padded(_ text: String) -> String {
    var result = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while result.count % 4 != 0 { result += "=" }
    return result
}

extension OIDCFixture {
    var signingKeyIDs: [String] {
        get async { await authenticator.signingKeyIDs }
    }
}
