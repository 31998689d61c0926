import TesseraConditions
import TesseraEngine
import TesseraModel
import Yams

/// Parses the text of a `.fga.yaml` fixture into a ``Fixture``.
///
/// Strict as `fga model test` is: unknown fields are refused (yaml.v3's `KnownFields`), a
/// check must name `user` or `users` and `object` or `objects`, but not both. On top of
/// `fga`'s format it accepts Tessera's extensions: `contextual_tuples` on check,
/// list_objects and list_users entries, and `{error: CODE, message: TEXT}` as a check's
/// expected outcome.
public struct FixtureParser {
    static let topLevelKeys: Set<String> = ["name", "model", "model_file", "tuples", "tuple_file", "tuple_files", "tests"]
    static let testKeys: Set<String> = ["name", "description", "tuples", "tuple_file", "check", "list_objects", "list_users"]
    static let checkKeys: Set<String> = ["user", "users", "object", "objects", "context", "assertions", "contextual_tuples"]
    static let listObjectsKeys: Set<String> = ["user", "type", "context", "assertions", "contextual_tuples"]
    static let listUsersKeys: Set<String> = ["object", "user_filter", "context", "assertions", "contextual_tuples"]
    static let tupleKeys: Set<String> = ["user", "relation", "object", "condition"]
    static let conditionKeys: Set<String> = ["name", "context"]

    /// Parses `text`, the contents of the fixture at `path` (the path errors carry).
    public static func parse(_ text: String, path: String) throws(FixtureError) -> Fixture {
        let document = try YAMLDocument(text: text, file: path)
        var fixture = Fixture(path: path)
        guard let root = document.root else { return fixture }
        var modelFile: FileReference?
        for (key, _, value) in try document.mapping(root, "the fixture", allowed: topLevelKeys) {
            switch key {
            case "name":
                fixture.name = try document.string(value, "name")
            case "model":
                let text = try document.string(value, "model")
                if !text.isEmpty { fixture.model = .inline(text: text, location: modelTextStart(value, in: document)) }
            case "model_file":
                let path = try document.string(value, "model_file")
                if !path.isEmpty { modelFile = FileReference(path: path, location: document.location(of: value)) }
            case "tuples":
                fixture.tuples = try tuples(value, in: document, what: "tuples", strict: true)
            case "tuple_file":
                let path = try document.string(value, "tuple_file")
                if !path.isEmpty { fixture.tupleFiles.insert(FileReference(path: path, location: document.location(of: value)), at: 0) }
            case "tuple_files":
                for item in try document.sequence(value, "tuple_files") {
                    fixture.tupleFiles.append(FileReference(path: try document.string(item, "tuple_files entries"), location: document.location(of: item)))
                }
            case "tests":
                for item in try document.sequence(value, "tests") { fixture.tests.append(try test(item, in: document)) }
            default:
                break
            }
        }
        // `model` wins over `model_file`, as in fga.
        if fixture.model == nil, let modelFile { fixture.model = .file(modelFile) }
        return fixture
    }

    /// Where the DSL text of `model:` begins in the fixture file: the line after a block
    /// indicator (`|`), at the block's indentation.
    static func modelTextStart(_ node: Node, in document: YAMLDocument) -> SourceLocation {
        var location = document.location(of: node)
        guard case .scalar(let scalar) = node, scalar.style == .literal || scalar.style == .folded else { return location }
        location.line += 1
        location.column = 0
        return location
    }

    // MARK: Tests

    static func test(_ node: Node, in document: YAMLDocument) throws(FixtureError) -> FixtureTest {
        var test = FixtureTest(name: "", location: document.location(of: node))
        for (key, _, value) in try document.mapping(node, "a test", allowed: testKeys) {
            switch key {
            case "name": test.name = try document.string(value, "name")
            case "description": test.description = try document.string(value, "description")
            case "tuples": test.tuples = try tuples(value, in: document, what: "tuples", strict: true)
            case "tuple_file":
                let path = try document.string(value, "tuple_file")
                if !path.isEmpty { test.tupleFile = FileReference(path: path, location: document.location(of: value)) }
            case "check":
                for (index, item) in try document.sequence(value, "check").enumerated() {
                    test.checks.append(try check(item, index: index, test: test.name, in: document))
                }
            case "list_objects":
                for item in try document.sequence(value, "list_objects") { test.listObjects.append(try listObjects(item, in: document)) }
            case "list_users":
                for item in try document.sequence(value, "list_users") { test.listUsers.append(try listUsers(item, in: document)) }
            default:
                break
            }
        }
        return test
    }

    static func check(_ node: Node, index: Int, test: String, in document: YAMLDocument) throws(FixtureError) -> CheckEntry {
        var user: String?
        var users: [String] = []
        var object: String?
        var objects: [String] = []
        var entry = CheckEntry(users: [], objects: [], assertions: [], location: document.location(of: node))
        for (key, _, value) in try document.mapping(node, "a check", allowed: checkKeys) {
            switch key {
            case "user": user = try document.string(value, "user")
            case "users": users = try document.strings(value, "users")
            case "object": object = try document.string(value, "object")
            case "objects": objects = try document.strings(value, "objects")
            case "context": entry.context = try document.object(value, "context")
            case "contextual_tuples": entry.contextualTuples = try tuples(value, in: document, what: "contextual_tuples", strict: true).map(\.key)
            case "assertions":
                for (relation, _, expected) in try document.mapping(value, "assertions", allowed: nil) {
                    entry.assertions.append(
                        CheckAssertion(relation: relation, expectation: try expectation(expected, in: document), location: document.location(of: expected)))
                }
            default:
                break
            }
        }
        // fga's rules (StoreData.Validate), with its words.
        let label = "test \(test) check \(index)"
        let user_ = user ?? ""
        let object_ = object ?? ""
        if !user_.isEmpty, !users.isEmpty { throw document.error(node, "\(label): cannot contain both 'user' and 'users'") }
        if user_.isEmpty, users.isEmpty { throw document.error(node, "\(label): must specify 'user' or 'users'") }
        if !object_.isEmpty, !objects.isEmpty { throw document.error(node, "\(label): cannot contain both 'object' and 'objects'") }
        if object_.isEmpty, objects.isEmpty { throw document.error(node, "\(label): must specify 'object' or 'objects'") }
        entry.users = users.isEmpty ? [user_] : users
        entry.objects = objects.isEmpty ? [object_] : objects
        return entry
    }

    static func expectation(_ node: Node, in document: YAMLDocument) throws(FixtureError) -> CheckExpectation {
        if let value = document.bool(node) { return .allowed(value) }
        guard case .mapping = node else { throw document.error(node, "a check assertion must be true, false or {error: CODE}") }
        var code: String?
        var message: String?
        for (key, _, value) in try document.mapping(node, "an expected error", allowed: ["error", "message"]) {
            if key == "error" { code = try document.string(value, "error") } else { message = try document.string(value, "message") }
        }
        guard code != nil || message != nil else { throw document.error(node, "an expected error needs 'error' (a code) or 'message'") }
        return .error(code: code, message: message)
    }

    static func listObjects(_ node: Node, in document: YAMLDocument) throws(FixtureError) -> ListObjectsEntry {
        var entry = ListObjectsEntry(user: "", type: "", assertions: [], location: document.location(of: node))
        for (key, _, value) in try document.mapping(node, "a list_objects entry", allowed: listObjectsKeys) {
            switch key {
            case "user": entry.user = try document.string(value, "user")
            case "type": entry.type = try document.string(value, "type")
            case "context": entry.context = try document.object(value, "context")
            case "contextual_tuples": entry.contextualTuples = try tuples(value, in: document, what: "contextual_tuples", strict: true).map(\.key)
            case "assertions":
                for (relation, _, expected) in try document.mapping(value, "assertions", allowed: nil) {
                    entry.assertions.append(
                        ListAssertion(relation: relation, expected: try document.strings(expected, "expected objects"), location: document.location(of: expected)))
                }
            default:
                break
            }
        }
        return entry
    }

    static func listUsers(_ node: Node, in document: YAMLDocument) throws(FixtureError) -> ListUsersEntry {
        var entry = ListUsersEntry(object: "", filters: [], assertions: [], location: document.location(of: node))
        for (key, keyNode, value) in try document.mapping(node, "a list_users entry", allowed: listUsersKeys) {
            switch key {
            case "object": entry.object = try document.string(value, "object")
            case "user_filter":
                for item in try document.sequence(value, "user_filter") {
                    var filter = ListUsersRequest.Filter(type: "")
                    for (field, _, text) in try document.mapping(item, "a user_filter entry", allowed: ["type", "relation"]) {
                        if field == "type" {
                            filter.type = try document.string(text, "type")
                        } else {
                            let relation = try document.string(text, "relation")
                            filter.relation = relation.isEmpty ? nil : relation
                        }
                    }
                    entry.filters.append(filter)
                }
                if entry.filters.isEmpty { throw document.error(keyNode, "user_filter needs one entry: {type: TYPE} or {type: TYPE, relation: RELATION}") }
            case "context": entry.context = try document.object(value, "context")
            case "contextual_tuples": entry.contextualTuples = try tuples(value, in: document, what: "contextual_tuples", strict: true).map(\.key)
            case "assertions":
                for (relation, _, expected) in try document.mapping(value, "assertions", allowed: nil) {
                    var users: [String] = []
                    for (_, _, list) in try document.mapping(expected, "a list_users assertion", allowed: ["users"]) {
                        users = try document.strings(list, "users")
                    }
                    entry.assertions.append(ListAssertion(relation: relation, expected: users, location: document.location(of: expected)))
                }
            default:
                break
            }
        }
        if entry.filters.isEmpty { throw document.error(node, "a list_users entry needs user_filter: [{type: TYPE}]") }
        return entry
    }

    // MARK: Tuples

    /// A list of tuples. `strict` refuses unknown fields (the fixture file itself); tuple
    /// files are read leniently, as `fga` reads them.
    static func tuples(_ node: Node, in document: YAMLDocument, what: String, strict: Bool) throws(FixtureError) -> [FixtureTuple] {
        var result: [FixtureTuple] = []
        for item in try document.sequence(node, what) {
            result.append(FixtureTuple(key: try tuple(item, in: document, strict: strict), location: document.location(of: item)))
        }
        return result
    }

    static func tuple(_ node: Node, in document: YAMLDocument, strict: Bool) throws(FixtureError) -> TupleKey {
        var key = TupleKey(object: "", relation: "", user: "")
        for (field, _, value) in try document.mapping(node, "a tuple", allowed: strict ? tupleKeys : nil) {
            switch field {
            case "user": key.user = try document.string(value, "user")
            case "relation": key.relation = try document.string(value, "relation")
            case "object": key.object = try document.string(value, "object")
            case "condition":
                if case .scalar(let scalar) = value, document.isNull(scalar) { continue }
                var condition = RelationshipCondition(name: "")
                for (part, _, text) in try document.mapping(value, "a tuple's condition", allowed: strict ? conditionKeys : nil) {
                    if part == "name" { condition.name = try document.string(text, "name") }
                    if part == "context" { condition.context = try document.object(text, "context") ?? [:] }
                }
                key.condition = condition
            default:
                break
            }
        }
        return key
    }
}
