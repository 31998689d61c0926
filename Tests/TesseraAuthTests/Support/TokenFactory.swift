import Foundation

/// Builds compact JWS tokens from JSON text or members, signed with a ``TestKey``.
enum TokenFactory {
    /// JSON text of `members` (sorted keys, so tests can reason about the bytes). A value of
    /// `NSNull` is written as `null`; nested arrays and dictionaries work as in JSONSerialization.
    static func json(_ members: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: members, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// `base64url(header).base64url(payload).base64url(signature)`, signed over the first two.
    static func sign(headerBytes: [UInt8], payloadBytes: [UInt8], key: TestKey, algorithm: String) throws -> String {
        let input = base64url(headerBytes) + "." + base64url(payloadBytes)
        return input + "." + base64url(try key.sign(Array(input.utf8), algorithm: algorithm))
    }

    static func sign(header: String, payload: String, key: TestKey, algorithm: String) throws -> String {
        try sign(headerBytes: Array(header.utf8), payloadBytes: Array(payload.utf8), key: key, algorithm: algorithm)
    }

    /// A token with the given signature bytes (possibly forged or empty).
    static func assemble(header: String, payload: String, signature: [UInt8]) -> String {
        base64url(Array(header.utf8)) + "." + base64url(Array(payload.utf8)) + "." + base64url(signature)
    }

    /// `members` with `overrides` applied; an override of nil removes the member.
    static func merged(_ members: [String: Any], _ overrides: [String: Any?]) -> [String: Any] {
        var result = members
        for (name, value) in overrides {
            if let value { result[name] = value } else { result[name] = nil }
        }
        return result
    }
}
