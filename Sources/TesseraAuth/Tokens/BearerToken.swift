/// Takes the token out of an `Authorization` header value (RFC 6750 §2.1).
enum BearerToken {
    /// What an `Authorization` header value holds.
    enum Extraction: Equatable {
        /// `Bearer <token>` with a well-formed b64token.
        case token([UInt8])
        /// Another scheme (`Basic …`) or no scheme: no bearer credentials were offered.
        case otherScheme
        /// `Bearer` followed by nothing, whitespace, or characters outside b64token.
        case malformed(String)
    }

    /// Splits `Bearer <token>`. The scheme is case-insensitive (RFC 9110 §11.1); one or more
    /// spaces separate it from the token; the token must match b64token exactly.
    static func extract(from header: String) -> Extraction {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count >= scheme.count,
            zip(bytes, scheme).allSatisfy({ lowercased($0) == $1 }),
            bytes.count == scheme.count || bytes[scheme.count] == 0x20
        else { return .otherScheme }
        var start = scheme.count
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        let token = Array(bytes[start...])
        guard !token.isEmpty else { return .malformed("empty bearer token") }
        guard isValidSyntax(token) else { return .malformed("bearer token has characters outside b64token") }
        return .token(token)
    }

    /// RFC 6750 b64token: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    static func isValidSyntax(_ token: [UInt8]) -> Bool {
        let body = token.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, token[body.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
