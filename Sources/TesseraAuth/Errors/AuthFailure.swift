/// A refused request: everything the HTTP layer needs to answer it, and what the logs and
/// the audit log need to record it.
///
/// The answer follows RFC 6750 §3: ``status`` with a ``wwwAuthenticate`` challenge, plus
/// OpenFGA's error body (``code`` and ``message``, see ``jsonBody``). ``reason`` and
/// ``detail`` are for operators only and never contain the token.
public struct AuthFailure: Error, Sendable, Hashable {
    /// HTTP status: 400, 401, 403 or 429.
    public let status: Int
    /// OpenFGA's error code for the body.
    public let code: AuthErrorCode
    /// A short message for the body; deliberately coarse, so it is no oracle for guessing.
    public let message: String
    /// The exact value of the `WWW-Authenticate` response header, when one is due.
    public let wwwAuthenticate: String?
    /// Seconds for the `Retry-After` header of a 429.
    public let retryAfterSeconds: Int?
    /// Why, for metrics, logs and audit.
    public let reason: AuthFailureReason
    /// What exactly was wrong, for logs (bounded, control characters removed, never the token).
    public let detail: String

    init(
        status: Int,
        code: AuthErrorCode,
        message: String,
        wwwAuthenticate: String?,
        retryAfterSeconds: Int? = nil,
        reason: AuthFailureReason,
        detail: String
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.wwwAuthenticate = wwwAuthenticate
        self.retryAfterSeconds = retryAfterSeconds
        self.reason = reason
        self.detail = Self.sanitised(detail)
    }

    /// The response headers to set, in order: `WWW-Authenticate` and `Retry-After` when due.
    public var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let wwwAuthenticate { headers.append(("WWW-Authenticate", wwwAuthenticate)) }
        if let retryAfterSeconds { headers.append(("Retry-After", String(retryAfterSeconds))) }
        return headers
    }

    /// The response body, OpenFGA's error shape: `{"code":"…","message":"…"}`.
    public var jsonBody: String {
        "{\"code\":\"\(code.rawValue)\",\"message\":\"\(Self.jsonEscaped(message))\"}"
    }

    /// Detail text is built from attacker-supplied values (claims, `kid`s): keep it short and
    /// printable so it cannot forge log lines or flood them.
    static func sanitised(_ text: String, limit: Int = 200) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.unicodeScalars.count >= limit {
                out += "…"
                break
            }
            out.unicodeScalars.append(scalar.properties.generalCategory == .control ? "?" : scalar)
        }
        return out
    }

    private static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
