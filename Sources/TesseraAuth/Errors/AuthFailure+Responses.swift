extension AuthFailure {
    /// No credentials at all: RFC 6750 §3.1 wants the challenge without an error code.
    static func missingToken(detail: String = "no Authorization header") -> AuthFailure {
        AuthFailure(
            status: 401,
            code: .bearerTokenMissing,
            message: "missing bearer token",
            wwwAuthenticate: "Bearer",
            reason: .missingToken,
            detail: detail
        )
    }

    /// Credentials sent in a way RFC 6750 forbids (two methods, two headers, the query string).
    static func invalidRequest(_ reason: AuthFailureReason, message: String, detail: String) -> AuthFailure {
        AuthFailure(
            status: 400,
            code: .invalidRequest,
            message: message,
            wwwAuthenticate: #"Bearer error="invalid_request", error_description="\#(message)""#,
            reason: reason,
            detail: detail
        )
    }

    /// A token that is not valid. Only expiry is told apart for the client; anything finer
    /// would help someone probing the validator, and operators have ``reason`` in the logs.
    static func invalidToken(_ reason: AuthFailureReason, code: AuthErrorCode, detail: String) -> AuthFailure {
        let message = reason == .expired ? "the access token has expired" : "the access token is invalid"
        return AuthFailure(
            status: 401,
            code: code,
            message: message,
            wwwAuthenticate: #"Bearer error="invalid_token", error_description="\#(message)""#,
            reason: reason,
            detail: detail
        )
    }

    /// An OIDC token that failed validation (OpenFGA answers every such failure with `invalid_claims`).
    static func invalidClaims(_ reason: AuthFailureReason, _ detail: String) -> AuthFailure {
        invalidToken(reason, code: .invalidClaims, detail: detail)
    }

    /// An authenticated caller asking for more than its token allows (RFC 6750 §3.1).
    ///
    /// The message is OpenFGA's, followed by what the token lacks, so a client such as `fga`
    /// shows the caller how to fix it. That tells nothing new: the missing scope is in the
    /// challenge anyway, and a store refusal reads the same whether the store exists or not.
    static func forbidden(_ reason: AuthFailureReason, requiredScope: String?, detail: String) -> AuthFailure {
        var challenge = #"Bearer error="insufficient_scope""#
        if let requiredScope { challenge += #", scope="\#(requiredScope)""# }
        let lack =
            switch (reason, requiredScope) {
            case (_, let scope?): "the access token lacks scope \(scope)"
            case (.foreignStore, nil): "the access token is not valid for this store"
            case (.confinedToStores, nil): "the access token is limited to some stores"
            default: "the access token does not allow it"
            }
        return AuthFailure(
            status: 403,
            code: .forbidden,
            message: "the principal is not authorized to perform the action: " + lack,
            wwwAuthenticate: challenge,
            reason: reason,
            detail: detail
        )
    }

    /// Too many failures from one source address.
    static func rateLimited(retryAfterSeconds: Int, detail: String) -> AuthFailure {
        AuthFailure(
            status: 429,
            code: .rateLimited,
            message: "too many failed authentication attempts; retry later",
            wwwAuthenticate: nil,
            retryAfterSeconds: retryAfterSeconds,
            reason: .rateLimited,
            detail: detail
        )
    }
}
