/// The `kid` rule. A key id is only ever a dictionary key here, never a path, query or
/// filter, but it is refused early when it could not be a real key id (RFC 8725 §3.10), so
/// injection-shaped values never reach a lookup, a log line or a JWKS refresh.
enum KeyID {
    static let maxBytes = 256

    /// Why `kid` is unacceptable, or nil. Allowed: 1…256 bytes of letters, digits and
    /// `-_.~+/=:` (base64, base64url, hex, UUIDs and dotted names), with no `..` (path shape).
    static func problem(_ kid: String) -> String? {
        let bytes = kid.utf8
        guard !bytes.isEmpty else { return "empty kid" }
        guard bytes.count <= maxBytes else { return "kid longer than \(maxBytes) bytes" }
        let allowed = bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"),
                UInt8(ascii: "="), UInt8(ascii: ":"):
                true
            default: false
            }
        }
        guard allowed else { return "kid has characters outside [A-Za-z0-9-_.~+/=:]" }
        guard !kid.contains("..") else { return "kid has a path-like '..'" }
        return nil
    }
}
