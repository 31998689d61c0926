/// DSL text prepared for lexing, the way OpenFGA's transformer prepares it (`ParseDSL` in
/// `openfga/language`): comment lines become blank, ` #` starts a comment that runs to the end
/// of the line, trailing spaces go, and trailing line breaks of the file go.
///
/// Lines are never removed, so every position in the cleaned text is the position in the
/// original text. One deliberate difference: a comment line indented with tabs is blank here
/// too, where OpenFGA only recognises space-indented comment lines.
struct DSLSource: Sendable {
    /// The cleaned text as UTF-8.
    let bytes: [UInt8]
    /// The file name diagnostics and source ranges carry, if any.
    let file: String?

    init(text: String, file: String?) {
        self.file = file
        bytes = Self.clean(Array(text.utf8))
    }

    /// The text of `start..<end`.
    func text(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, bytes.count))
        let upper = max(lower, min(end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    func text(of token: DSLToken) -> String {
        text(token.start, token.end)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let hash = UInt8(ascii: "#")

    private static func clean(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var lineStart = 0
        while lineStart <= input.count {
            var lineEnd = lineStart
            while lineEnd < input.count, input[lineEnd] != newline { lineEnd += 1 }
            appendCleanedLine(input[lineStart..<lineEnd], to: &output)
            guard lineEnd < input.count else { break }
            output.append(newline)
            lineStart = lineEnd + 1
        }
        while output.last == newline { output.removeLast() }
        return output
    }

    private static func appendCleanedLine(_ line: ArraySlice<UInt8>, to output: inout [UInt8]) {
        guard let first = line.firstIndex(where: { $0 != space && $0 != tab }), line[first] != hash else { return }
        // ` #` starts a comment; a `#` glued to the previous token does not (`group#member`).
        var end = line.endIndex
        var index = line.startIndex
        while index + 1 < line.endIndex {
            if line[index] == space, line[index + 1] == hash {
                end = index
                break
            }
            index += 1
        }
        while end > line.startIndex, line[end - 1] == space { end -= 1 }
        output.append(contentsOf: line[line.startIndex..<end])
    }
}
