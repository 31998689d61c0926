/// The protected header of a JWS access token, checked before any key is looked up.
struct JOSEHeader {
    let algorithm: SigningAlgorithm
    let keyID: String

    /// Header parameters that name or carry a key. Keys come only from the configured
    /// issuer's JWKS (RFC 8725 §3.10, RFC 9068 §4), so a token carrying one is refused
    /// rather than have the parameter quietly ignored.
    static let keyBearingParameters = ["jku", "x5u", "jwk", "x5c"]

    /// Checks, in this order: `alg` is a string, not `none`, and allowed; no key-bearing
    /// parameter; no `crit` (Tessera understands no extension, RFC 7515 §4.1.11); `typ` as
    /// RFC 9068 wants when its profile is on; a well-formed `kid`.
    static func read(_ members: [String: StrictJSON], configuration: OIDCConfiguration) throws(AuthFailure) -> JOSEHeader {
        guard let name = members["alg"]?.stringValue else { throw .invalidClaims(.malformedHeader, "alg missing or not a string") }
        guard name.lowercased() != "none" else { throw .invalidClaims(.algorithmNone, "alg \(name)") }
        guard let algorithm = SigningAlgorithm(rawValue: name), configuration.algorithms.contains(algorithm) else {
            throw .invalidClaims(.algorithmNotAllowed, "alg \(name) is not in the allowlist")
        }
        for parameter in keyBearingParameters where members[parameter] != nil {
            throw .invalidClaims(.embeddedKeyReference, "header carries \(parameter)")
        }
        if members["crit"] != nil { throw .invalidClaims(.criticalHeader, "crit names extensions Tessera does not understand") }
        if let type = members["typ"], type.stringValue == nil { throw .invalidClaims(.malformedHeader, "typ is not a string") }
        if configuration.rfc9068 {
            let type = members["typ"]?.stringValue?.lowercased()
            guard type == "at+jwt" || type == "application/at+jwt" else {
                throw .invalidClaims(.wrongType, "typ \(members["typ"]?.stringValue ?? "(missing)") is not at+jwt")
            }
        }
        guard let kidValue = members["kid"] else { throw .invalidClaims(.missingKeyID, "no kid") }
        guard let keyID = kidValue.stringValue else { throw .invalidClaims(.malformedHeader, "kid is not a string") }
        if let problem = KeyID.problem(keyID) { throw .invalidClaims(.malformedKeyID, problem) }
        return JOSEHeader(algorithm: algorithm, keyID: keyID)
    }
}
