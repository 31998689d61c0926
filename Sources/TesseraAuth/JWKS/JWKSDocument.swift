import JWTKit

/// Reads a JWKS document (RFC 7517 §5) into a ``KeySet``, key by key.
///
/// jwt-kit's own `JWKS` decoding fails as a whole on one key it does not know (an `oct` key,
/// a new `kty`), so the document is read here with the strict parser and each key decided
/// on its own. A key is used only when every one of these holds; otherwise it is skipped
/// with a reason, and the rest of the set still counts:
///
/// - `kty` is `RSA`, `EC` or `OKP` (`oct` and unknown types are skipped, RFC 7517 §5);
/// - it has a well-formed `kid`, shared with no other key in the document;
/// - `use`, if present, is `sig`; `key_ops`, if present, includes `verify` (RFC 7517 §4.2-4.3);
/// - `alg`, if present, is an algorithm for this key type and curve; without `alg` the key
///   is pinned by its type: RSA → RS256, P-256 → ES256, P-384 → ES384, P-521 → ES512,
///   Ed25519 → EdDSA;
/// - that algorithm is in the allowlist;
/// - RSA moduli have 2048 to 8192 bits (RFC 7518 §3.3), EC and OKP coordinates have the
///   curve's exact length, and no private part (`d`) is present.
enum JWKSDocument {
    /// Why a whole document is unusable.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case notJSON(String)
        case notAKeySet

        var description: String {
            switch self {
            case .notJSON(let why): "not a JSON document (\(why))"
            case .notAKeySet: "not a JWKS: no 'keys' array"
            }
        }
    }

    static func read(_ bytes: [UInt8], allowedAlgorithms: Set<SigningAlgorithm>) async throws(Problem) -> KeySet {
        let document: StrictJSON
        do {
            document = try StrictJSONParser.parse(bytes)
        } catch {
            throw .notJSON("\(error)")
        }
        guard let entries = document.objectValue?["keys"]?.arrayValue else { throw .notAKeySet }

        var candidates: [String: VerificationKey] = [:]
        var skipped: [KeySet.SkippedKey] = []
        var duplicated: Set<String> = []
        for entry in entries {
            guard let members = entry.objectValue else {
                skipped.append(.init(keyID: nil, problem: "not a JSON object"))
                continue
            }
            let keyID = members["kid"]?.stringValue
            do {
                let key = try await verificationKey(members, allowedAlgorithms: allowedAlgorithms)
                if candidates.updateValue(key, forKey: key.keyID) != nil { duplicated.insert(key.keyID) }
            } catch {
                skipped.append(.init(keyID: keyID, problem: error.problem))
            }
        }
        // Two keys under one kid: which one a token means is ambiguous, so neither is used.
        for keyID in duplicated.sorted() {
            candidates[keyID] = nil
            skipped.append(.init(keyID: keyID, problem: "kid used by more than one key"))
        }
        return KeySet(keys: candidates, skipped: skipped)
    }

    private struct Unusable: Error {
        let problem: String
        init(_ problem: String) { self.problem = problem }
    }

    private static func verificationKey(
        _ jwk: [String: StrictJSON],
        allowedAlgorithms: Set<SigningAlgorithm>
    ) async throws(Unusable) -> VerificationKey {
        guard let kty = jwk["kty"]?.stringValue else { throw Unusable("no kty") }
        guard ["RSA", "EC", "OKP"].contains(kty) else { throw Unusable("key type \(kty) is not used for verification") }
        guard let keyID = jwk["kid"]?.stringValue else { throw Unusable("no kid") }
        if let problem = KeyID.problem(keyID) { throw Unusable(problem) }
        if let use = jwk["use"] {
            guard use.stringValue == "sig" else { throw Unusable("use is not sig") }
        }
        if let operations = jwk["key_ops"] {
            guard operations.arrayValue?.contains(.string("verify")) == true else {
                throw Unusable("key_ops does not include verify")
            }
        }
        guard jwk["d"] == nil else { throw Unusable("JWK carries a private key") }

        let curve = jwk["crv"]?.stringValue
        let pinned = try pinnedAlgorithm(kty: kty, curve: curve)
        let algorithm: SigningAlgorithm
        if let declared = jwk["alg"] {
            guard let name = declared.stringValue, let parsed = SigningAlgorithm(rawValue: name) else {
                throw Unusable("alg is not a supported signature algorithm")
            }
            guard parsed.keyType == kty, kty == "RSA" || parsed == pinned else {
                throw Unusable("alg \(name) does not fit a \(kty) \(curve ?? "") key")
            }
            algorithm = parsed
        } else {
            algorithm = pinned
        }
        guard allowedAlgorithms.contains(algorithm) else { throw Unusable("algorithm \(algorithm.rawValue) is not allowed") }

        do {
            return try await makeKey(jwk, keyID: keyID, algorithm: algorithm)
        } catch let error as Unusable {
            throw error
        } catch {
            throw Unusable("key material rejected: \(error)")
        }
    }

    private static func pinnedAlgorithm(kty: String, curve: String?) throws(Unusable) -> SigningAlgorithm {
        switch (kty, curve) {
        case ("RSA", _): return .rs256
        case ("EC", "P-256"): return .es256
        case ("EC", "P-384"): return .es384
        case ("EC", "P-521"): return .es512
        case ("OKP", "Ed25519"): return .eddsa
        default: throw Unusable("curve \(curve ?? "(none)") is not supported for \(kty)")
        }
    }

    private static func makeKey(
        _ jwk: [String: StrictJSON],
        keyID: String,
        algorithm: SigningAlgorithm
    ) async throws -> VerificationKey {
        // One collection per key, used only to obtain jwt-kit's algorithm object for it.
        let collection = JWTKeyCollection()
        let identifier = JWKIdentifier(string: keyID)
        let signatureLength: Int
        switch algorithm {
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512:
            let modulus = try parameter(jwk, "n")
            let exponent = try parameter(jwk, "e")
            let significant = modulus.drop { $0 == 0 }
            guard let first = significant.first else { throw Unusable("empty modulus") }
            let bits = significant.count * 8 - first.leadingZeroBitCount
            guard (2048...8192).contains(bits) else { throw Unusable("RSA key of \(bits) bits (2048 to 8192 accepted)") }
            guard (1...8).contains(exponent.count) else { throw Unusable("RSA exponent of \(exponent.count) bytes") }
            let key = try Insecure.RSA.PublicKey(modulus: Base64URL.encode(significant), exponent: Base64URL.encode(exponent))
            let digest: DigestAlgorithm =
                switch algorithm {
                case .rs384, .ps384: .sha384
                case .rs512, .ps512: .sha512
                default: .sha256
                }
            switch algorithm {
            case .ps256, .ps384, .ps512: await collection.add(pss: key, digestAlgorithm: digest, kid: identifier)
            default: await collection.add(rsa: key, digestAlgorithm: digest, kid: identifier)
            }
            signatureLength = (bits + 7) / 8
        case .es256:
            await collection.add(ecdsa: try ES256PublicKey(parameters: try coordinates(jwk, length: 32)), kid: identifier)
            signatureLength = 64
        case .es384:
            await collection.add(ecdsa: try ES384PublicKey(parameters: try coordinates(jwk, length: 48)), kid: identifier)
            signatureLength = 96
        case .es512:
            await collection.add(ecdsa: try ES512PublicKey(parameters: try coordinates(jwk, length: 66)), kid: identifier)
            signatureLength = 132
        case .eddsa:
            let x = try parameter(jwk, "x")
            guard x.count == 32 else { throw Unusable("Ed25519 x of \(x.count) bytes") }
            await collection.add(eddsa: try EdDSA.PublicKey(x: Base64URL.encode(x), curve: .ed25519), kid: identifier)
            signatureLength = 64
        }
        let verifier = try await collection.getKey(for: identifier)
        guard verifier.name == algorithm.rawValue else { throw Unusable("jwt-kit built \(verifier.name) for \(algorithm.rawValue)") }
        return VerificationKey(keyID: keyID, algorithm: algorithm, signatureLength: signatureLength, verifier: verifier)
    }

    /// A base64url key parameter. Padding is tolerated here (a JWKS comes from the issuer,
    /// not from the caller), everything else about the encoding is strict.
    private static func parameter(_ jwk: [String: StrictJSON], _ name: String) throws(Unusable) -> [UInt8] {
        guard let text = jwk[name]?.stringValue else { throw Unusable("no \(name)") }
        let unpadded = text.utf8.reversed().drop { $0 == UInt8(ascii: "=") }.reversed()
        guard let bytes = Base64URL.decode(Array(unpadded)), !bytes.isEmpty else { throw Unusable("\(name) is not base64url") }
        return bytes
    }

    private static func coordinates(_ jwk: [String: StrictJSON], length: Int) throws(Unusable) -> ECDSAParameters {
        let x = try parameter(jwk, "x")
        let y = try parameter(jwk, "y")
        guard x.count == length, y.count == length else { throw Unusable("EC coordinates are not \(length) bytes") }
        return (x: Base64URL.encode(x), y: Base64URL.encode(y))
    }
}
