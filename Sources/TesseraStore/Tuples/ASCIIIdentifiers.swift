import TesseraModel

/// The identifier rules of `IdentifierRules`, `ObjectReference` and `UserReference` for
/// ASCII text, checked byte by byte. Bulk imports validate millions of identifiers, and
/// the general rules look up Unicode properties of every scalar. Each check returns `nil`
/// for non-ASCII text, which then takes the general path; for ASCII the answers agree (the
/// only ASCII whitespace is tab through carriage return and space, the only ASCII controls
/// 0x00–0x1F and 0x7F).
enum ASCIIIdentifiers {
    /// A concrete object `type:id` (not `type:*`).
    static func isValidObject(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard isASCII(bytes) else { return nil }
            guard let (type, id) = splitObject(bytes) else { return false }
            return isName(type, max: IdentifierRules.maxTypeBytes) && isObjectID(id) && !isWildcard(id)
        }
    }

    /// A relation name.
    static func isValidRelation(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard isASCII(bytes) else { return nil }
            return isName(UnsafeBufferPointer(rebasing: bytes[...]), max: IdentifierRules.maxRelationBytes)
        }
    }

    /// A user: `type:id`, `type:*` or `type:id#relation`.
    static func isValidUser(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { bytes in
            guard isASCII(bytes) else { return nil }
            if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
                guard let (type, id) = splitObject(UnsafeBufferPointer(rebasing: bytes[..<hash])) else { return false }
                let relation = UnsafeBufferPointer(rebasing: bytes[(hash + 1)...])
                return isName(type, max: IdentifierRules.maxTypeBytes) && isObjectID(id) && !isWildcard(id)
                    && isName(relation, max: IdentifierRules.maxRelationBytes)
            }
            guard let (type, id) = splitObject(bytes) else { return false }
            return isName(type, max: IdentifierRules.maxTypeBytes) && isObjectID(id)
        }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// Splits at the first `:`.
    private static func splitObject(_ bytes: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>)? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return (UnsafeBufferPointer(rebasing: bytes[..<colon]), UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]))
    }

    /// `:`, `#`, whitespace and controls are never part of an identifier.
    @inline(__always)
    private static func isForbidden(_ byte: UInt8) -> Bool {
        byte < 0x21 || byte == 0x7F || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "#")
    }

    /// A type or relation name: 1...max bytes, no forbidden byte, no `@`.
    private static func isName(_ bytes: UnsafeBufferPointer<UInt8>, max: Int) -> Bool {
        bytes.count >= 1 && bytes.count <= max && !bytes.contains { isForbidden($0) || $0 == UInt8(ascii: "@") }
    }

    private static func isObjectID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && !bytes.contains(where: isForbidden)
    }

    private static func isWildcard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 1 && bytes[0] == UInt8(ascii: "*")
    }
}
