import Foundation
import TesseraConditions
import TesseraModel

/// Reads the tuple files a fixture names, in the formats `fga` reads: a YAML or JSON list of
/// `{user, relation, object, condition?}` (`.yaml`, `.yml`, `.json`), one JSON tuple per line
/// (`.jsonl`), or CSV with a header row (`.csv`).
public enum TupleFileParser {
    /// The tuples of `text`, the contents of the file `path` (its extension decides the format).
    public static func parse(_ text: String, path: String) throws(FixtureError) -> [FixtureTuple] {
        let location = SourceLocation(file: path)
        let tuples: [FixtureTuple]
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "yaml", "yml", "json":
            let document = try YAMLDocument(text: text, file: path)
            guard let root = document.root else { throw FixtureError(location, "the tuple file holds no tuples") }
            tuples = try FixtureParser.tuples(root, in: document, what: "a tuple file", strict: false)
        case "jsonl":
            tuples = try jsonLines(text, path: path)
        case "csv":
            tuples = try csv(text, path: path)
        case let other:
            throw FixtureError(location, "unsupported tuple file format '.\(other)' (use .yaml, .yml, .json, .jsonl or .csv)")
        }
        guard !tuples.isEmpty else { throw FixtureError(location, "the tuple file holds no tuples") }
        return tuples
    }

    /// One tuple per line; errors name the file's line (each line is parsed as a document of
    /// its own, whose positions start at its line 1).
    static func jsonLines(_ text: String, path: String) throws(FixtureError) -> [FixtureTuple] {
        var tuples: [FixtureTuple] = []
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would not split it.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let location = SourceLocation(file: path, line: index + 1)
            do throws(FixtureError) {
                let document = try YAMLDocument(text: trimmed, file: path)
                guard let root = document.root else { continue }
                tuples.append(FixtureTuple(key: try FixtureParser.tuple(root, in: document, strict: false), location: location))
            } catch {
                // A column on the line's own line 1 holds in the file too, past the indentation
                // trimmed off; other positions (the end of the input) only tell the line.
                var place = location
                if error.location.line == 1, error.location.column > 0 {
                    place.column = error.location.column + line.prefix { $0 == " " || $0 == "\t" }.count
                }
                throw FixtureError(place, error.message)
            }
        }
        return tuples
    }

    /// `user_type,user_id,user_relation,relation,object_type,object_id,condition_name,condition_context`
    /// in any order; `user_relation`, `condition_name` and `condition_context` may be left out.
    static func csv(_ text: String, path: String) throws(FixtureError) -> [FixtureTuple] {
        var records = try CSVReader.records(text, file: path)
        guard !records.isEmpty else { throw FixtureError(SourceLocation(file: path), "the CSV file has no header row") }
        let header = records.removeFirst()
        let known = ["user_type", "user_id", "user_relation", "relation", "object_type", "object_id", "condition_name", "condition_context"]
        var column: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard known.contains(name) else {
                throw FixtureError(
                    SourceLocation(file: path, line: header.line), "invalid header '\(name)'; valid headers are \(known.joined(separator: ","))")
            }
            column[name] = index
        }
        for required in ["user_type", "user_id", "relation", "object_type", "object_id"] where column[required] == nil {
            throw FixtureError(SourceLocation(file: path, line: header.line), "the CSV header lacks the required column '\(required)'")
        }
        if column["condition_context"] != nil, column["condition_name"] == nil {
            throw FixtureError(
                SourceLocation(file: path, line: header.line), "the CSV header has 'condition_context' but not 'condition_name', which it needs")
        }
        var tuples: [FixtureTuple] = []
        for record in records {
            let location = SourceLocation(file: path, line: record.line)
            guard record.fields.count == header.fields.count else {
                throw FixtureError(location, "the row has \(record.fields.count) fields; the header has \(header.fields.count)")
            }
            func field(_ name: String) -> String { column[name].map { record.fields[$0] } ?? "" }
            var user = field("user_type") + ":" + field("user_id")
            if !field("user_relation").isEmpty { user += "#" + field("user_relation") }
            var key = TupleKey(object: field("object_type") + ":" + field("object_id"), relation: field("relation"), user: user)
            if !field("condition_name").isEmpty {
                var context: JSONObject = [:]
                let text = field("condition_context").trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), case .object(let object) = value else {
                        throw FixtureError(location, "condition_context is not a JSON object: \(text)")
                    }
                    context = object
                }
                key.condition = RelationshipCondition(name: field("condition_name"), context: context)
            }
            tuples.append(FixtureTuple(key: key, location: location))
        }
        return tuples
    }
}
