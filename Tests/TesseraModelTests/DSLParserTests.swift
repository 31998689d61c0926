import Testing
import TesseraConditions
import TesseraModel

/// The DSL parser, one behaviour per test.
struct DSLParserTests {
    /// A model with `define` lines under one type `doc` (and a type `user`).
    static func model(_ defines: String...) -> String {
        "model\n  schema 1.1\ntype user\ntype doc\n  relations\n" + defines.map { "    define \($0)\n" }.joined()
    }

    static func rewrite(_ definition: String, _ name: String = "r") throws -> Rewrite {
        let model = try AuthorizationModel(dsl: model("a: [user]", "b: [user]", "c: [user]", "\(name): \(definition)"))
        return try #require(model.typeDefinition(named: "doc")?.relation(named: name)?.rewrite)
    }

    static func syntaxErrors(_ text: String) -> [ModelDiagnostic] {
        do {
            _ = try AuthorizationModel(dsl: text)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func operatorsOfOneKindFormOneNode() throws {
        #expect(try Self.rewrite("a or b or c") == .union([.computedUserset(relation: "a"), .computedUserset(relation: "b"), .computedUserset(relation: "c")]))
        #expect(try Self.rewrite("a and b") == .intersection([.computedUserset(relation: "a"), .computedUserset(relation: "b")]))
    }

    @Test func parenthesesNestAndCollapseAroundOneOperand() throws {
        #expect(
            try Self.rewrite("(a but not b) or (c)")
                == .union([.exclusion(base: .computedUserset(relation: "a"), subtract: .computedUserset(relation: "b")), .computedUserset(relation: "c")]))
    }

    @Test func directAssignmentMayStartAParenthesizedGroup() throws {
        #expect(try Self.rewrite("([user] or a) but not b") == .exclusion(base: .union([.direct(), .computedUserset(relation: "a")]), subtract: .computedUserset(relation: "b")))
    }

    @Test func tupleToUsersetNamesTuplesetLast() throws {
        #expect(try Self.rewrite("a from p", "r") == .tupleToUserset(tupleset: "p", computedRelation: "a"))
    }

    @Test func restrictionsMaySpanLines() throws {
        let model = try AuthorizationModel(dsl: Self.model("r: [\n      user,\n      doc#a with cond,\n      user:*\n    ]"))
        let restrictions = try #require(model.typeDefinition(named: "doc")?.relation(named: "r")?.directlyRelatedTypes)
        #expect(restrictions.map(\.dslText) == ["user", "doc#a with cond", "user:*"])
    }

    @Test func commentsAndIndentationAreIgnored() throws {
        let text = "# header\nmodel\n    schema 1.1   # version\n\n\n        type user # me\n# between\ntype doc\n      relations\n  define r: [user] # trailing\n"
        let model = try AuthorizationModel(dsl: text)
        #expect(model.typeDefinitions.map(\.name) == ["user", "doc"])
    }

    @Test func keywordsOfTheHeaderDoubleAsNames() throws {
        let model = try AuthorizationModel(dsl: "model\n  schema 1.1\ntype model\n  relations\n    define type: [model]\n")
        #expect(model.typeDefinition(named: "model")?.relation(named: "type") != nil)
    }

    @Test func otherKeywordsCannotBeNames() {
        for keyword in ["define", "relations", "with", "or", "from", "condition", "in", "true"] {
            #expect(!Self.syntaxErrors("model\n  schema 1.1\ntype \(keyword)\n").isEmpty, "type \(keyword)")
        }
    }

    @Test func mixedOperatorsNeedParentheses() throws {
        let errors = Self.syntaxErrors(Self.model("r: a and b or c"))
        let first = try #require(errors.first)
        #expect(first.range?.line == 5)
        #expect(first.symbol == "or")
    }

    @Test func butNotTakesOneOperandOnEachSide() {
        #expect(!Self.syntaxErrors(Self.model("a: [user]", "b: [user]", "c: [user]", "r: a but not b but not c")).isEmpty)
    }

    @Test func directAssignmentOnlyComesFirst() throws {
        let first = try #require(Self.syntaxErrors(Self.model("a: [user]", "r: a or [user]")).first)
        #expect(first.symbol == "[")
        #expect(first.range?.column == 19)
    }

    @Test func duplicateRelationIsASyntaxError() throws {
        let first = try #require(Self.syntaxErrors(Self.model("r: [user]", "r: [user]")).first)
        #expect(first.message == "'r' is already defined in 'doc'")
        #expect(first.range?.line == 6)
    }

    @Test func independentErrorsAreAllReported() {
        // The unclosed list runs on to the next line, where `define` is not a type.
        let errors = Self.syntaxErrors(Self.model("a: [user", "b: [user]", "c: or", "d: [user]"))
        #expect(errors.map { $0.range?.line } == [6, 7])
    }

    @Test func errorsCarryTheFileName() throws {
        do {
            _ = try AuthorizationModel(dsl: "model\n  schema 1.1\ntype\n", file: "m.fga")
            Issue.record("accepted a type without a name")
        } catch {
            #expect(error.diagnostics.first?.range?.file == "m.fga")
        }
    }

    @Test func unknownCharactersAreRefusedWhereTheyAre() {
        let errors = Self.syntaxErrors(Self.model("r: [user] @"))
        #expect(errors.contains { $0.symbol == "@" && $0.range == SourceRange(line: 5, column: 21, length: 1) })
    }

    @Test func conditionParametersTakeEveryType() throws {
        let text = Self.model("r: [user with c]")
            + "condition c(a: bool, b: string, c: int, d: uint, e: double, f: duration, g: timestamp, h: ipaddress, i: list<string>, j: map<int>) {\n  a\n}\n"
        let condition = try #require(try AuthorizationModel(dsl: text).condition(named: "c"))
        #expect(
            condition.parameters.map(\.type) == [.bool, .string, .int, .uint, .double, .duration, .timestamp, .ipAddress, .list(.string), .map(.int)])
    }

    @Test func conditionExpressionKeepsOpenFGAsText() throws {
        func expression(_ body: String) throws -> String? {
            try AuthorizationModel(dsl: Self.model("r: [user with c]") + "condition c(x: int) {\(body)}\n").condition(named: "c")?.expression
        }
        #expect(try expression(" x < 3 ") == "x < 3 ")
        #expect(try expression("\n  x < 3 // why\n") == "x < 3 ")
        #expect(try expression("\n  x < 3 &&\n    x > 1\n") == "x < 3 &&\n    x > 1")
        #expect(try expression("\n  x == \"}\"\n") == "x == \"}\"")
    }

    @Test func conditionParametersStayOnOneLine() {
        #expect(!Self.syntaxErrors(Self.model("r: [user with c]") + "condition c(\n  x: int\n) {\n  x < 3\n}\n").isEmpty)
    }

    @Test func conditionsComeAfterTypes() throws {
        let text = "model\n  schema 1.1\ntype user\ncondition c(x: int) {\n  x < 1\n}\ntype doc\n"
        let first = try #require(Self.syntaxErrors(text).first)
        #expect(first.range?.line == 6)
    }

    @Test func moduleFilesParseWithTheirModule() throws {
        let model = try AuthorizationModel(dsl: "module core\n\ntype user\n\nextend type doc\n  relations\n    define r: [user]\n", file: "core.fga")
        #expect(model.schemaVersion == "")
        #expect(model.typeDefinition(named: "doc")?.relation(named: "r")?.module == ModuleSource(module: "core", file: "core.fga"))
    }

    @Test func rangesPointAtNames() throws {
        let model = try AuthorizationModel(dsl: Self.model("r: [user, doc#a with cond] or a from p"))
        let relation = try #require(model.typeDefinition(named: "doc")?.relation(named: "r"))
        #expect(relation.range == SourceRange(line: 5, column: 11, length: 1))
        #expect(relation.directlyRelatedTypes.last?.range == SourceRange(line: 5, column: 21, length: 5))
        #expect(relation.directlyRelatedTypes.last?.conditionRange == SourceRange(line: 5, column: 32, length: 4))
    }
}
