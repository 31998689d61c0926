/// OpenFGA's rules for the identifiers in tuples and queries (its API patterns, plus the
/// server's refusal of control characters).
///
/// - type: `^[^:#@\s]{1,254}$`
/// - object id: `[^#:\s]+`
/// - relation: `^[^:#@\s]{1,50}$`
/// - object (`type:id`): at most 256 bytes; user: at most 512 bytes.
public enum IdentifierRules {
    public static let maxTypeBytes = 254
    public static let maxRelationBytes = 50
    public static let maxObjectBytes = 256
    public static let maxUserBytes = 512
    public static let maxConditionNameBytes = 256

    // The validators are inlinable so callers get them specialised for String and
    // Substring: they run on every check's object and user.

    /// A type name: 1–254 bytes without `:`, `#`, `@`, whitespace or control characters.
    @inlinable
    public static func isValidTypeName(_ text: some StringProtocol) -> Bool {
        let count = text.utf8.count
        return count >= 1 && count <= maxTypeBytes && !text.unicodeScalars.contains(where: { isForbidden($0) || $0 == "@" })
    }

    /// A relation name: 1–50 bytes without `:`, `#`, `@`, whitespace or control characters.
    @inlinable
    public static func isValidRelationName(_ text: some StringProtocol) -> Bool {
        let count = text.utf8.count
        return count >= 1 && count <= maxRelationBytes && !text.unicodeScalars.contains(where: { isForbidden($0) || $0 == "@" })
    }

    /// An object id: non-empty, without `:`, `#`, whitespace or control characters.
    @inlinable
    public static func isValidObjectID(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains(where: isForbidden)
    }

    /// `:` and `#` separate the parts of identifiers; whitespace and control characters
    /// are never part of one. ASCII is decided without Unicode property lookups (its
    /// whitespace and control characters are exactly U+0000–U+0020 and U+007F).
    @inlinable
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return value <= 0x20 || value == 0x7F || scalar == ":" || scalar == "#"
        }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}
