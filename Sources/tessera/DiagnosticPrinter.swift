import TesseraModel

/// Prints diagnostics as compilers do: `FILE:LINE:COL: error: message`, then the source line
/// and a caret under the offending text. Lines and columns are 1-based.
struct DiagnosticPrinter {
    /// The lines of each file a diagnostic may point into, by the name its ranges carry.
    private var sources: [String: [Substring]] = [:]
    /// How to print a file's name when it differs from the name its ranges carry (module
    /// files are named relative to their `fga.mod`).
    private var shownNames: [String: String] = [:]

    mutating func addSource(_ text: String, named name: String, shownAs shown: String? = nil) {
        sources[name] = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let shown { shownNames[name] = shown }
    }

    /// `diagnostic` as printed lines. `file` is used when the diagnostic's range names none;
    /// JSON diagnostics without a range are placed by their path when the file's `json`
    /// locator is given.
    func format(_ diagnostic: ModelDiagnostic, file: String, json: JSONSourceLocator? = nil) -> String {
        var range = diagnostic.range
        if range == nil, let json, let path = diagnostic.path { range = json.range(of: path) }
        let key = range?.file ?? file
        let name = shownNames[key] ?? key
        guard let range else { return "\(name): error: \(diagnostic.message)" }
        var out = "\(name):\(range.line + 1):\(range.column + 1): error: \(diagnostic.message)"
        if let lines = sources[key], range.line >= 0, range.line < lines.count {
            let line = lines[range.line]
            let length = range.endLine == range.line ? range.endColumn - range.column : 1
            out += "\n\(line)\n\(Self.caret(under: line, from: range.column, length: length))"
        }
        return out
    }

    /// Spaces (tabs where the line has tabs) up to `column`, then `^~~~` under the span.
    static func caret(under line: Substring, from column: Int, length: Int) -> String {
        var out = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < column {
            out += scalar == "\t" ? "\t" : " "
        }
        return out + "^" + String(repeating: "~", count: max(0, length - 1))
    }
}
