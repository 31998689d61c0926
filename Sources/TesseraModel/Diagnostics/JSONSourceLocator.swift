/// Finds where a JSON path of a diagnostic (`type_definitions[1].relations.viewer`) points in
/// the JSON text it came from, so a command-line tool can show JSON problems by line and
/// column as it shows DSL ones.
///
/// The path is followed member by member without building the document: skipped values are
/// stepped over with a bracket counter, never by recursion. Keys may contain dots
/// (`relations.a.b`): the longest key that matches the rest of the path wins. Both protojson
/// spellings are tried for the names the model writer uses (`computedUserset` and
/// `computed_userset`, ...).
public struct JSONSourceLocator: Sendable {
    private let bytes: [UInt8]

    /// A locator for the JSON text a model was read from.
    public init(text: String) {
        bytes = Array(text.utf8)
    }

    /// The range of the value `path` names, or of the deepest part of it that exists; `nil`
    /// when the text is not a JSON object or the path is empty.
    public func range(of path: String) -> SourceRange? {
        var position = skipSpace(from: 0)
        var rest = Substring(path)
        var found: Int?
        while !rest.isEmpty, position < bytes.count {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let wanted = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    let element = element(wanted, ofArrayAt: position)
                else { break }
                position = element
                rest = rest[rest.index(after: close)...]
            } else {
                if rest.first == "." { rest = rest.dropFirst() }
                guard let (value, consumed) = member(matching: rest, ofObjectAt: position) else { break }
                position = value
                rest = rest.dropFirst(consumed)
            }
            found = position
        }
        guard let found else { return nil }
        let (line, column) = lineAndColumn(of: found)
        return SourceRange(line: line, column: column, length: 1)
    }

    // MARK: Walking

    /// The start of the member value whose key is the longest prefix of `rest` that ends at a
    /// path separator, and how many characters of `rest` the key used.
    private func member(matching rest: Substring, ofObjectAt start: Int) -> (value: Int, consumed: Int)? {
        guard byte(at: start) == UInt8(ascii: "{") else { return nil }
        var position = skipSpace(from: start + 1)
        var best: (value: Int, consumed: Int)?
        while position < bytes.count, byte(at: position) == UInt8(ascii: "\"") {
            let keyEnd = endOfString(at: position)
            let key = String(decoding: bytes[(position + 1)..<max(position + 1, keyEnd - 1)], as: UTF8.self)
            position = skipSpace(from: keyEnd)
            guard byte(at: position) == UInt8(ascii: ":") else { return best }
            let value = skipSpace(from: position + 1)
            for spelling in Self.spellings(of: key) where Self.path(rest, startsWithKey: spelling) {
                if spelling.count > (best?.consumed ?? -1) { best = (value, spelling.count) }
            }
            position = skipSpace(from: endOfValue(at: value))
            guard byte(at: position) == UInt8(ascii: ",") else { break }
            position = skipSpace(from: position + 1)
        }
        return best
    }

    private func element(_ wanted: Int, ofArrayAt start: Int) -> Int? {
        guard byte(at: start) == UInt8(ascii: "[") else { return nil }
        var position = skipSpace(from: start + 1)
        var index = 0
        while position < bytes.count, byte(at: position) != UInt8(ascii: "]") {
            if index == wanted { return position }
            position = skipSpace(from: endOfValue(at: position))
            guard byte(at: position) == UInt8(ascii: ",") else { return nil }
            position = skipSpace(from: position + 1)
            index += 1
        }
        return nil
    }

    /// The names a key may stand for in a path: itself and its other protojson spelling.
    private static func spellings(of key: String) -> [String] {
        let pairs = [
            ("computed_userset", "computedUserset"), ("tuple_to_userset", "tupleToUserset"),
            ("typeDefinitions", "type_definitions"), ("directlyRelatedUserTypes", "directly_related_user_types"),
            ("schemaVersion", "schema_version"), ("genericTypes", "generic_types"), ("typeName", "type_name"),
        ]
        return [key] + pairs.filter { $0.0 == key }.map(\.1)
    }

    private static func path(_ rest: Substring, startsWithKey key: String) -> Bool {
        guard rest.hasPrefix(key) else { return false }
        let after = rest.dropFirst(key.count)
        return after.isEmpty || after.first == "." || after.first == "["
    }

    // MARK: Scanning

    private func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    private func skipSpace(from start: Int) -> Int {
        var position = start
        while let byte = byte(at: position),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
        {
            position += 1
        }
        return position
    }

    /// Just past the string literal starting at `start`.
    private func endOfString(at start: Int) -> Int {
        var position = start + 1
        while let byte = byte(at: position) {
            if byte == UInt8(ascii: "\\") {
                position += 2
            } else if byte == UInt8(ascii: "\"") {
                return position + 1
            } else {
                position += 1
            }
        }
        return bytes.count
    }

    /// Just past the value starting at `start`, counting brackets instead of recursing.
    private func endOfValue(at start: Int) -> Int {
        guard let first = byte(at: start) else { return bytes.count }
        if first == UInt8(ascii: "\"") { return endOfString(at: start) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            // A number, `true`, `false` or `null`: up to the next delimiter.
            var position = start
            while let byte = byte(at: position), !Self.delimiters.contains(byte) { position += 1 }
            return position
        }
        var depth = 0
        var position = start
        while let byte = byte(at: position) {
            switch byte {
            case UInt8(ascii: "\""):
                position = endOfString(at: position)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return position + 1 }
            default:
                break
            }
            position += 1
        }
        return bytes.count
    }

    private static let delimiters: Set<UInt8> = [
        UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
        UInt8(ascii: "\t"),
    ]

    /// 0-based line and column (in Unicode scalars) of a byte offset.
    private func lineAndColumn(of offset: Int) -> (Int, Int) {
        var line = 0
        var column = 0
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
