import TesseraConditions

/// Reads a request body (RFC 8259 JSON, UTF-8) straight into a `JSONValue`.
///
/// Request bodies are parsed on every call, and `JSONDecoder` into `JSONValue` tries each
/// JSON type in turn through a thrown error per miss; this reader makes one pass over the
/// bytes. Nesting is limited (`maxDepth`), so a 10 000-deep body is refused with a message
/// instead of recursing deeply. Errors name the byte offset.
struct JSONReader {
    /// Why a body is not JSON, with the byte offset where reading stopped.
    struct Failure: Error, CustomStringConvertible, Sendable {
        let reason: String
        let offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// The deepest nesting of arrays and objects accepted (as `JSONDecoder`'s limit).
    static let defaultMaxDepth = 512

    /// Parses `bytes` as one JSON value, surrounded by optional whitespace.
    static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(Failure) -> JSONValue {
        let array = Array(bytes)
        var result: Result<JSONValue, Failure> = .failure(Failure(reason: "empty body", offset: 0))
        array.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, maxDepth: maxDepth)
            do throws(Failure) {
                reader.skipWhitespace()
                let value = try reader.value(depth: 0)
                reader.skipWhitespace()
                guard reader.position == buffer.count else { throw reader.failure("unexpected data after the JSON value") }
                result = .success(value)
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func failure(_ reason: String) -> Failure {
            Failure(reason: reason, offset: position)
        }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard let byte = current else { throw failure("unexpected end of the body") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw failure("unexpected character '\(Self.printable(byte))'")
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw failure("unexpected end of the body") }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
                throw failure("invalid literal (expected \(word))")
            }
            position += count
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= maxDepth else { throw failure("JSON nested deeper than \(maxDepth) levels") }
            position += 1  // {
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
                position += 1
                skipWhitespace()
                members[key] = try value(depth: depth)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"): position += 1; return .object(members)
                default: throw failure("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= maxDepth else { throw failure("JSON nested deeper than \(maxDepth) levels") }
            position += 1  // [
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"): position += 1; return .array(elements)
                default: throw failure("expected ',' or ']' in an array")
                }
            }
        }

        /// A string from its opening quote; the text must be valid UTF-8 without raw control
        /// characters, and `\u` escapes must pair their surrogates.
        mutating func string() throws(Failure) -> String {
            position += 1  // "
            let start = position
            // Fast path: no escapes.
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { throw failure("control character in a string") }
                position += 1
            }
            guard let stop = current else { throw failure("unterminated string") }
            var text = try Self.decode(bytes[start..<position], at: start)
            if stop == UInt8(ascii: "\"") {
                position += 1
                return text
            }
            while true {
                guard let byte = current else { throw failure("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return text
                case UInt8(ascii: "\\"):
                    position += 1
                    text.unicodeScalars.append(try escape())
                default:
                    let runStart = position
                    while let next = current, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\") {
                        guard next >= 0x20 else { throw failure("control character in a string") }
                        position += 1
                    }
                    text += try Self.decode(bytes[runStart..<position], at: runStart)
                }
            }
        }

        /// One escape after its backslash.
        mutating func escape() throws(Failure) -> Unicode.Scalar {
            guard let byte = current else { throw failure("unterminated string") }
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
                let unit = try hexUnit()
                if (0xD800..<0xDC00).contains(unit) {
                    guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                        throw failure("unpaired surrogate in a \\u escape")
                    }
                    position += 2
                    let low = try hexUnit()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in a \\u escape") }
                    let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw failure("unpaired surrogate in a \\u escape") }
                return scalar
            default:
                position -= 1
                throw failure("invalid escape '\\\(Self.printable(byte))'")
            }
        }

        mutating func hexUnit() throws(Failure) -> UInt16 {
            guard position + 4 <= bytes.count else { throw failure("unterminated \\u escape") }
            var unit: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("invalid \\u escape")
                }
                unit = unit << 4 | UInt16(digit)
                position += 1
            }
            return unit
        }

        /// A number by RFC 8259's grammar, as a finite `Double`.
        mutating func number() throws(Failure) -> Double {
            let start = position
            if current == UInt8(ascii: "-") { position += 1 }
            guard let first = current, Self.isDigit(first) else { throw failure("invalid number") }
            position += 1
            if first != UInt8(ascii: "0") {
                while let byte = current, Self.isDigit(byte) { position += 1 }
            }
            if current == UInt8(ascii: ".") {
                position += 1
                guard let byte = current, Self.isDigit(byte) else { throw failure("invalid number") }
                while let byte = current, Self.isDigit(byte) { position += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard let byte = current, Self.isDigit(byte) else { throw failure("invalid number") }
                while let byte = current, Self.isDigit(byte) { position += 1 }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard let number = Double(text), number.isFinite else {
                throw Failure(reason: "number out of range", offset: start)
            }
            return number
        }

        static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        static func decode(_ slice: Slice<UnsafeBufferPointer<UInt8>>, at offset: Int) throws(Failure) -> String {
            guard let text = String(validating: slice, as: UTF8.self) else { throw Failure(reason: "invalid UTF-8 in a string", offset: offset) }
            return text
        }

        static func printable(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16)
        }
    }
}
