import struct Foundation.Date

/// The claims of a verified access token, checked against the configuration.
///
/// Every claim Tessera reads must have its registered type when present (a string `exp`, a
/// numeric `sub` are refusals, not "absent"), and `iss`, `aud` and `exp` are always
/// required (RFC 9068 §4; OpenFGA also requires `exp`).
struct AccessTokenClaims {
    let issuer: String
    let subject: String?
    let clientID: String?
    let tokenID: String?
    let expiresAt: Int64
    let scopes: Set<String>
    let stores: Set<String>?

    /// Largest accepted tenant claim; a token naming more stores is refused as malformed.
    static let maxStores = 1000

    static func read(
        _ claims: [String: StrictJSON],
        oidc: OIDCConfiguration,
        tenantClaim: String,
        requireTenantClaim: Bool,
        now: Date
    ) throws(AuthFailure) -> AccessTokenClaims {
        guard let issuer = try string(claims, "iss") else { throw .invalidClaims(.missingClaim, "no iss") }
        guard oidc.acceptedIssuers.contains(issuer) else { throw .invalidClaims(.wrongIssuer, "iss \(issuer)") }

        guard let audience = claims["aud"] else { throw .invalidClaims(.missingClaim, "no aud") }
        guard try audiences(audience).contains(oidc.audience) else { throw .invalidClaims(.wrongAudience, "aud does not name \(oidc.audience)") }

        let leeway = Double(oidc.leewaySeconds)
        let nowSeconds = now.timeIntervalSince1970
        guard let expiry = claims["exp"] else { throw .invalidClaims(.missingClaim, "no exp") }
        guard let expiresAt = NumericDate.seconds(expiry) else { throw .invalidClaims(.malformedClaims, "exp is not a NumericDate") }
        guard Double(expiresAt) + leeway > nowSeconds else { throw .invalidClaims(.expired, "exp \(expiresAt)") }
        if let value = claims["nbf"] {
            guard let notBefore = NumericDate.seconds(value) else { throw .invalidClaims(.malformedClaims, "nbf is not a NumericDate") }
            guard Double(notBefore) - leeway <= nowSeconds else { throw .invalidClaims(.notYetValid, "nbf \(notBefore)") }
        }
        if let value = claims["iat"] {
            guard let issuedAt = NumericDate.seconds(value) else { throw .invalidClaims(.malformedClaims, "iat is not a NumericDate") }
            guard Double(issuedAt) - leeway <= nowSeconds else { throw .invalidClaims(.issuedInFuture, "iat \(issuedAt)") }
        }

        let subject = try string(claims, "sub")
        let tokenID = try string(claims, "jti")
        if oidc.rfc9068 {
            // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat and jti are required.
            for name in ["sub", "client_id", "jti", "iat"] where claims[name] == nil {
                throw .invalidClaims(.missingClaim, "no \(name) (RFC 9068 profile)")
            }
            _ = try string(claims, "client_id")
        }
        if !oidc.subjects.isEmpty {
            guard let subject, oidc.subjects.contains(subject) else {
                throw .invalidClaims(.subjectNotAllowed, "sub \(subject ?? "(missing)") is not in the allowlist")
            }
        }

        var clientID: String?
        for name in oidc.clientIDClaims {
            if let value = try string(claims, name) {
                clientID = value
                break
            }
        }
        var scopes: Set<String> = []
        for name in oidc.scopeClaims {
            if let value = claims[name] {
                scopes = try scopeSet(value, claim: name)
                break
            }
        }
        var stores: Set<String>?
        if let value = claims[tenantClaim] {
            stores = try storeSet(value, claim: tenantClaim)
        } else if requireTenantClaim {
            throw .invalidClaims(.missingClaim, "no \(tenantClaim)")
        }

        return AccessTokenClaims(
            issuer: issuer,
            subject: subject,
            clientID: clientID,
            tokenID: tokenID,
            expiresAt: expiresAt,
            scopes: scopes,
            stores: stores
        )
    }

    /// The claim as a string, nil when absent, a refusal when present with another type.
    private static func string(_ claims: [String: StrictJSON], _ name: String) throws(AuthFailure) -> String? {
        guard let value = claims[name] else { return nil }
        guard let text = value.stringValue else { throw .invalidClaims(.malformedClaims, "\(name) is not a string") }
        return text
    }

    /// `aud` is one string or an array of strings (RFC 7519 §4.1.3).
    private static func audiences(_ value: StrictJSON) throws(AuthFailure) -> [String] {
        switch value {
        case .string(let audience): return [audience]
        case .array(let elements): return try strings(elements, claim: "aud", reason: .malformedClaims)
        default: throw .invalidClaims(.malformedClaims, "aud is neither a string nor an array")
        }
    }

    /// A space-separated string (RFC 9068 §2.2.3) or an array of strings.
    private static func scopeSet(_ value: StrictJSON, claim: String) throws(AuthFailure) -> Set<String> {
        switch value {
        case .string(let text): return Set(text.split(separator: " ").map(String.init))
        case .array(let elements): return Set(try strings(elements, claim: claim, reason: .malformedClaims))
        default: throw .invalidClaims(.malformedClaims, "\(claim) is neither a string nor an array")
        }
    }

    /// An array of store ids, or one store id as a string.
    private static func storeSet(_ value: StrictJSON, claim: String) throws(AuthFailure) -> Set<String> {
        let elements: [StrictJSON]
        switch value {
        case .string: elements = [value]
        case .array(let array): elements = array
        default: throw .invalidClaims(.malformedTenantClaim, "\(claim) is neither a string nor an array")
        }
        guard elements.count <= maxStores else { throw .invalidClaims(.malformedTenantClaim, "\(claim) names more than \(maxStores) stores") }
        let stores = try strings(elements, claim: claim, reason: .malformedTenantClaim)
        guard !stores.contains("") else { throw .invalidClaims(.malformedTenantClaim, "\(claim) has an empty store id") }
        return Set(stores)
    }

    /// The members of a claim that must be an array of strings.
    private static func strings(_ elements: [StrictJSON], claim: String, reason: AuthFailureReason) throws(AuthFailure) -> [String] {
        var strings: [String] = []
        for element in elements {
            guard let text = element.stringValue else { throw .invalidClaims(reason, "\(claim) has a non-string member") }
            strings.append(text)
        }
        return strings
    }
}
