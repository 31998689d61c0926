import Foundation
import Yams

/// An `fga.mod` manifest: the schema of a modular model and the module files it combines.
///
/// ```yaml
/// schema: '1.2'
/// contents:
///   - core.fga
///   - issue-tracker/projects.fga
/// ```
///
/// Parsing follows OpenFGA's rules (`mod-to-json` in `openfga/language`): `schema` must be
/// the string `1.2` (so `1.2` unquoted, a YAML number, is refused), `contents` a list of
/// strings ending in `.fga`, each a relative path that stays inside the manifest's directory
/// (no `..`, no absolute path, also once percent-decoded). Errors carry the line and column of
/// the offending value.
public struct ModFile: Sendable, Equatable {
    /// A value of the manifest with where it is written.
    public struct Entry: Sendable, Equatable {
        /// The value as written (quotes removed).
        public var value: String
        /// Where the value is in the manifest.
        public var range: SourceRange
    }

    /// `schema:`, always `1.2` once parsed.
    public var schema: Entry
    /// `contents:`, the module files in the order listed.
    public var contents: [Entry]

    /// Parses manifest text; `file` names the manifest in source ranges.
    public init(text: String, file: String = "fga.mod") throws(ModelError) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let range = SourceRange(line: 0, column: 0, length: 0, file: file)
            throw ModelError([ModelDiagnostic(kind: .invalidModFile, message: "invalid YAML: \(error)", range: range)])
        }
        var problems: [ModelDiagnostic] = []
        let top = SourceRange(line: 0, column: 0, length: 0, file: file)
        let mapping = node?.mapping
        func member(_ name: String) -> Node? {
            mapping?.first { $0.key.string == name }?.value
        }
        func problem(_ message: String, at node: Node?, symbol: String? = nil) {
            let range = node.map { Self.range(of: $0, file: file) } ?? top
            problems.append(ModelDiagnostic(kind: .invalidModFile, message: message, range: range, symbol: symbol))
        }

        var schema = Entry(value: "", range: top)
        switch member("schema") {
        case nil:
            problem("missing schema field", at: nil)
        case let value? where value.scalar == nil || value.tag.rawValue != Tag.Name.str.rawValue:
            problem("unexpected schema type, expected string got value \(Self.text(of: value))", at: value)
        case let value?:
            schema = Entry(value: value.scalar?.string ?? "", range: Self.range(of: value, file: file))
            if schema.value != "1.2" { problem("unsupported schema version, fga.mod only supported in version `1.2`", at: value) }
        }

        var contents: [Entry] = []
        switch member("contents") {
        case nil:
            problem("missing contents field", at: nil)
        case let value? where value.sequence == nil:
            problem("unexpected contents type, expected list of strings got value \(Self.text(of: value))", at: value)
        case let value?:
            for item in value.sequence ?? [] {
                let text = Self.text(of: item)
                if item.scalar == nil || item.tag.rawValue != Tag.Name.str.rawValue {
                    problem("unexpected contents item type, expected string got value \(text)", at: item, symbol: text)
                } else if !text.hasSuffix(".fga") {
                    problem("contents items should use fga file extension, got \(text)", at: item, symbol: text)
                } else if !Self.isContained(text) {
                    problem("invalid contents item \(text)", at: item, symbol: text)
                } else {
                    contents.append(Entry(value: text, range: Self.range(of: item, file: file)))
                }
            }
        }
        guard problems.isEmpty else { throw ModelError(problems) }
        self.schema = schema
        self.contents = contents
    }

    /// True for a relative path that cannot leave the manifest's directory, even after
    /// percent-decoding and with backslashes read as separators.
    static func isContained(_ path: String) -> Bool {
        let decoded = path.removingPercentEncoding ?? path
        for candidate in [path, decoded] {
            let normalized = candidate.replacingOccurrences(of: "\\", with: "/")
            if normalized.hasPrefix("/") || normalized.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
                return false
            }
        }
        return true
    }

    private static func text(of node: Node) -> String {
        if let scalar = node.scalar { return scalar.string }
        if let sequence = node.sequence { return "[" + sequence.map(text(of:)).joined(separator: ", ") + "]" }
        return "{...}"
    }

    /// Yams marks are 1-based; ranges are 0-based. Quoted scalars span their quotes.
    private static func range(of node: Node, file: String) -> SourceRange {
        let line = max(0, (node.mark?.line ?? 1) - 1)
        let column = max(0, (node.mark?.column ?? 1) - 1)
        var length = text(of: node).unicodeScalars.count
        if let style = node.scalar?.style, style == .singleQuoted || style == .doubleQuoted { length += 2 }
        return SourceRange(line: line, column: column, length: length, file: file)
    }
}
