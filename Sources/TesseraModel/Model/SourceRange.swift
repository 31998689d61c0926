/// A span of DSL source text. Lines and columns are 0-based, as in OpenFGA's language test
/// data; diagnostics print them 1-based (`FILE:LINE:COL`). `endColumn` is exclusive.
public struct SourceRange: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// The file the span is in, for modular models; `nil` for single-file models.
    public var file: String?

    public init(line: Int, column: Int, endLine: Int, endColumn: Int, file: String? = nil) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.file = file
    }

    /// A span within one line.
    public init(line: Int, column: Int, length: Int, file: String? = nil) {
        self.init(line: line, column: column, endLine: line, endColumn: column + length, file: file)
    }
}
