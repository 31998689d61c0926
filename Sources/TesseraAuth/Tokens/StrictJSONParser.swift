/// Why a document was refused by ``StrictJSONParser``.
public enum StrictJSONError: Error, Equatable {
    case invalidUTF8
    case syntax(offset: Int)
    /// A member name appears twice in one object. RFC 7519 §4 lets a parser either reject
    /// this or take the last value; Tessera rejects, so no two parsers can disagree about a claim.
    case duplicateMember(String)
    case tooDeep
}

/// An RFC 8259 parser that refuses what lenient parsers accept: invalid UTF-8, duplicate
/// member names (after unescaping, so `"aud"` and `"\u0061ud"` collide), lone surrogates,
/// control characters in strings, trailing data, and nesting deeper than `maxDepth`.
public struct StrictJSONParser {
    public static let defaultMaxDepth = 32

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var position = 0

    /// Parses one JSON document from `bytes`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(StrictJSONError) -> StrictJSON {
        // UTF-8 is validated string by string as strings are read: outside strings the
        // grammar admits only ASCII, so a document that parses is valid UTF-8 throughout.
        // A refused document is refused as invalid UTF-8 whenever it is, whatever else is wrong.
        do throws(StrictJSONError) {
            var parser = StrictJSONParser(bytes: bytes, maxDepth: maxDepth)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.position == bytes.count else { throw .syntax(offset: parser.position) }
            return value
        } catch {
            if error != .invalidUTF8, String(validating: bytes, as: UTF8.self) == nil { throw .invalidUTF8 }
            throw error
        }
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(StrictJSONError) {
        guard current == byte else { throw .syntax(offset: position) }
        position += 1
    }

    private mutating func expectLiteral(_ literal: String) throws(StrictJSONError) {
        for byte in literal.utf8 { try expect(byte) }
    }

    private mutating func parseValue(depth: Int) throws(StrictJSONError) -> StrictJSON {
        guard depth <= maxDepth else { throw .tooDeep }
        guard let current else { throw .syntax(offset: position) }
        switch current {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw .syntax(offset: position)
        }
    }

    private mutating func parseObject(depth: Int) throws(StrictJSONError) -> StrictJSON {
        try expect(UInt8(ascii: "{"))
        var members: [String: StrictJSON] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let name = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            guard members.updateValue(value, forKey: name) == nil else { throw .duplicateMember(name) }
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(StrictJSONError) -> StrictJSON {
        try expect(UInt8(ascii: "["))
        var elements: [StrictJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }
    }

    private mutating func parseString() throws(StrictJSONError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Most strings have no escapes: they are their bytes, taken in one piece.
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try Self.string(bytes[start..<position - 1])
            case UInt8(ascii: "\\"):
                return try parseEscapedString(prefix: bytes[start..<position])
            case 0x00..<0x20:
                throw .syntax(offset: position)
            default:
                position += 1
            }
        }
        throw .syntax(offset: position)
    }

    /// The rest of a string from its first escape on; `prefix` is what came before it.
    private mutating func parseEscapedString(prefix: ArraySlice<UInt8>) throws(StrictJSONError) -> String {
        var utf8 = Array(prefix)
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try Self.string(utf8[...])
            case UInt8(ascii: "\\"):
                position += 1
                // Escapes encode whole scalars, so they never mend or mask a broken sequence around them.
                UTF8.encode(try parseEscape()) { utf8.append($0) }
            case 0x00..<0x20:
                throw .syntax(offset: position)
            default:
                utf8.append(byte)
                position += 1
            }
        }
        throw .syntax(offset: position)
    }

    private static func string(_ utf8: ArraySlice<UInt8>) throws(StrictJSONError) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    private mutating func parseEscape() throws(StrictJSONError) -> Unicode.Scalar {
        guard let byte = current else { throw .syntax(offset: position) }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHexQuad()
            if UTF16.isTrailSurrogate(unit) { throw .syntax(offset: position) }
            if UTF16.isLeadSurrogate(unit) {
                try expect(UInt8(ascii: "\\"))
                try expect(UInt8(ascii: "u"))
                let trail = try parseHexQuad()
                guard UTF16.isTrailSurrogate(trail) else { throw .syntax(offset: position) }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw .syntax(offset: position) }
                return scalar
            }
            guard let scalar = Unicode.Scalar(unit) else { throw .syntax(offset: position) }
            return scalar
        default:
            throw .syntax(offset: position - 1)
        }
    }

    private mutating func parseHexQuad() throws(StrictJSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw .syntax(offset: position) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .syntax(offset: position)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(StrictJSONError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            try consumeDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            try consumeDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            try consumeDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func consumeDigits() throws(StrictJSONError) {
        let start = position
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            position += 1
        }
        guard position > start else { throw .syntax(offset: position) }
    }
}
