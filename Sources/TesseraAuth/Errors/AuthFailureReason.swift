/// Why a request was refused, in words fit for a metric dimension, a log line and an audit
/// record. Clients never see it: they get ``AuthFailure/message``, which says less.
public enum AuthFailureReason: String, Sendable, Hashable, CaseIterable {
    // Transport (RFC 6750 §2, §3.1).
    case missingToken = "missing_token"
    case multipleAuthorizationHeaders = "multiple_authorization_headers"
    case multipleTokenMethods = "multiple_token_methods"
    case tokenOutsideHeader = "token_outside_header"
    case oversizedToken = "oversized_token"
    case malformedToken = "malformed_token"

    // Preshared keys.
    case unknownPresharedKey = "unknown_preshared_key"

    // JOSE header.
    case malformedHeader = "malformed_header"
    case duplicateMember = "duplicate_member"
    case algorithmNone = "algorithm_none"
    case algorithmNotAllowed = "algorithm_not_allowed"
    case algorithmMismatch = "algorithm_mismatch"
    case missingKeyID = "missing_kid"
    case malformedKeyID = "malformed_kid"
    case unknownKeyID = "unknown_kid"
    case keysUnavailable = "keys_unavailable"
    case embeddedKeyReference = "embedded_key_reference"
    case criticalHeader = "critical_header"
    case wrongType = "wrong_type"

    // Signature and claims.
    case badSignature = "bad_signature"
    case malformedClaims = "malformed_claims"
    case wrongIssuer = "wrong_issuer"
    case wrongAudience = "wrong_audience"
    case missingClaim = "missing_claim"
    case expired = "expired"
    case notYetValid = "not_yet_valid"
    case issuedInFuture = "issued_in_future"
    case subjectNotAllowed = "subject_not_allowed"
    case malformedTenantClaim = "malformed_tenant_claim"

    // Authorisation of an authenticated caller.
    case insufficientScope = "insufficient_scope"
    case foreignStore = "foreign_store"
    case confinedToStores = "confined_to_stores"

    // Abuse.
    case rateLimited = "rate_limited"
}
