import Foundation
import TesseraConditions
import Yams

/// Reading YAML the way `fga` (Go's yaml.v3) reads it, with positions for error messages.
///
/// Scalars are typed as YAML 1.2's core schema types them (yaml.v3's rules), not Yams'
/// YAML 1.1 defaults: `yes`, `on` and timestamps stay strings in contexts, `0x1F` is an
/// integer. Anchors and aliases are resolved; `<<` merge keys are applied.
struct YAMLDocument {
    /// The file name errors carry.
    let file: String
    let root: Node?

    /// Parses `text`; a syntax error becomes a ``FixtureError`` at its line and column.
    init(text: String, file: String) throws(FixtureError) {
        self.file = file
        do {
            // `.basic` leaves every scalar untagged: typing happens here, once, without
            // Yams' regular expressions (measurably faster on large tuple lists).
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.fixtureError(error, file: file)
        } catch {
            throw FixtureError(SourceLocation(file: file), "cannot parse YAML: \(error)")
        }
    }

    private static func fixtureError(_ error: YamlError, file: String) -> FixtureError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text), " } ?? ""
            return FixtureError(SourceLocation(file: file, line: mark.line, column: mark.column), "invalid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FixtureError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "invalid YAML: duplicate key \(duplicates.sorted().joined(separator: ", "))")
        case .reader(let problem, let offset, _, let yaml):
            var location = SourceLocation(file: file)
            if let offset {
                let prefix = yaml.prefix(offset)
                location.line = prefix.count(where: { $0 == "\n" }) + 1
            }
            return FixtureError(location, "invalid YAML: \(problem)")
        default:
            return FixtureError(SourceLocation(file: file), "invalid YAML: \(error)")
        }
    }

    // MARK: Positions

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ node: Node, _ message: String) -> FixtureError {
        FixtureError(location(of: node), message)
    }

    // MARK: Shapes

    /// The entries of a mapping, in order, with `<<` merges applied. Keys outside `allowed`
    /// are refused, as `fga` refuses unknown fields (`nil` allows any key).
    func mapping(_ node: Node, _ what: String, allowed: Set<String>?) throws(FixtureError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(what) must be a mapping") }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        var merged: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw error(keyNode, "\(what): keys must be strings") }
            if key.string == "<<", key.style == .plain {
                let sources: [Node] = if case .sequence(let list) = value { Array(list) } else { [value] }
                for source in sources { merged += try self.mapping(source, what, allowed: allowed) }
                continue
            }
            if let allowed, !allowed.contains(key.string) {
                let known = allowed.sorted().joined(separator: ", ")
                throw error(keyNode, "\(what): unknown field '\(key.string)' (known: \(known))")
            }
            entries.append((key.string, keyNode, value))
        }
        // Keys written in the mapping win over merged ones.
        let explicit = Set(entries.map(\.key))
        return merged.filter { !explicit.contains($0.key) } + entries
    }

    func sequence(_ node: Node, _ what: String) throws(FixtureError) -> [Node] {
        switch node {
        case .sequence(let list): return Array(list)
        case .scalar(let scalar) where isNull(scalar): return []
        default: throw error(node, "\(what) must be a list")
        }
    }

    /// A scalar's text, as Go reads any scalar into a string field; null is "".
    func string(_ node: Node, _ what: String) throws(FixtureError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be a string") }
        return isNull(scalar) ? "" : scalar.string
    }

    func strings(_ node: Node, _ what: String) throws(FixtureError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, what) { result.append(try string(item, "\(what) entries")) }
        return result
    }

    /// A boolean as yaml.v3 decodes into a `bool` (it accepts YAML 1.1's yes/no/on/off there).
    func bool(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    // MARK: JSON values

    /// A context or condition context: a mapping of JSON values (null means absent).
    func object(_ node: Node, _ what: String) throws(FixtureError) -> JSONObject? {
        if case .scalar(let scalar) = node, isNull(scalar) { return nil }
        guard case .object(let object) = try json(node, what) else { throw error(node, "\(what) must be a mapping") }
        return object
    }

    /// The JSON value of a node, typed as yaml.v3 types values decoded into `interface{}`.
    func json(_ node: Node, _ what: String) throws(FixtureError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            return Self.plainScalar(scalar.string)
        case .sequence(let list):
            var values: [JSONValue] = []
            for item in list { values.append(try json(item, what)) }
            return .array(values)
        case .mapping:
            var members: JSONObject = [:]
            for entry in try mapping(node, what, allowed: nil) { members[entry.key] = try json(entry.value, what) }
            return .object(members)
        case .alias:
            throw error(node, "\(what): unresolved alias")
        }
    }

    /// YAML 1.2 core schema typing of a plain scalar (yaml.v3's `resolve`).
    static func plainScalar(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        if let integer = goInteger(text) { return .number(Double(integer)) }
        if isDecimalFloat(text), let value = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(value) }
        return .string(text)
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` after dropping underscores: decimal, `0x`, `0o`,
    /// `0b` and leading-zero octal.
    static func goInteger(_ text: String) -> Int64? {
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard let first = digits.first, first.isASCII, first.isNumber else { return nil }
        var radix = 10
        let lower = digits.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            digits = digits.dropFirst(2)
        } else if digits.count > 1, first == "0" {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, yaml.v3's float syntax.
    static func isDecimalFloat(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let c = scalars.first, ("0"..."9").contains(c) || c == "_" {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if let c = scalars.first, c == "+" || c == "-" { scalars.removeFirst() }
        let integral = digits()
        var fraction = 0
        if scalars.first == "." {
            scalars.removeFirst()
            fraction = digits()
        }
        guard integral > 0 || fraction > 0 else { return false }
        if let c = scalars.first, c == "e" || c == "E" {
            scalars.removeFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
