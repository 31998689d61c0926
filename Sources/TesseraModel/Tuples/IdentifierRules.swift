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

    /// The first `separator` (`:` or `#`) as a character, as `firstIndex(of: Character)` finds
    /// it, but by a byte search when the bytes either side are ASCII: then the separator is a
    /// grapheme of its own (only non-ASCII scalars combine with a neighbour), and the search
    /// skips the grapheme breaking that dominated the engine's request parsing.
    @inlinable
    static func firstIndex<Text: StringProtocol>(of separator: Unicode.Scalar, in text: Text) -> String.Index? {
        let utf8 = text.utf8
        let target = UInt8(ascii: separator)
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == target {
                let next = utf8.index(after: index)
                if previous < 0x80, next == utf8.endIndex || utf8[next] < 0x80 { return index }
                break
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        // No separator byte at all means no separator character either.
        guard index != utf8.endIndex else { return nil }
        return text.firstIndex(of: Character(separator))
    }
}
