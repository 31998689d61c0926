/// The keys of one successfully read JWKS document, by `kid`, and the keys that were skipped.
struct KeySet: Sendable {
    /// A JWK that was not used, and why.
    struct SkippedKey: Sendable, Hashable, CustomStringConvertible {
        let keyID: String?
        let problem: String

        var description: String { "\(keyID ?? "(no kid)"): \(problem)" }
    }

    let keys: [String: VerificationKey]
    let skipped: [SkippedKey]

    subscript(keyID: String) -> VerificationKey? { keys[keyID] }
}
