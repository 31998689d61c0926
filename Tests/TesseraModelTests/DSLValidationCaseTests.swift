import Testing
import TesseraModel

/// True when `diagnostics` contain `expected`: the same line and, when the case names one,
/// its symbol (in the diagnostic's symbol or message; wording may differ from OpenFGA's).
func reports(_ diagnostics: [ModelDiagnostic], _ expected: LanguageCase.ExpectedError) -> Bool {
    diagnostics.contains { diagnostic in
        if let line = expected.line, diagnostic.range?.line != line { return false }
        guard let symbol = expected.symbol, !symbol.isEmpty else { return true }
        return diagnostic.symbol == symbol || diagnostic.message.contains(symbol)
    }
}

func lintDiagnostics(_ dsl: String) -> [ModelDiagnostic] {
    ModelValidator.validate(dsl: dsl, level: .lint)
}

/// `dsl-syntax-validation-cases.yaml`: what the DSL parser accepts and refuses.
struct DSLSyntaxValidationTests {
    static let cases = LanguageCase.load("dsl-syntax-validation-cases.yaml", sourceKey: "dsl")

    /// The language data lists these as valid, but each defines relations that reach
    /// themselves through computed relations (`action1: admin or action2 or action3`, ...),
    /// which OpenFGA's server refuses (`fga model validate`: "an authorization model cannot
    /// contain a cycle"). Tessera follows the server.
    static let refusedByOpenFGAServer: Set<String> = [
        "union does not require all child to have entry",
        "union does not require all child to have entry even for intersection child",
        "union does not require all child to have entry even for exclusion child",
    ]

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 80)
        #expect(Self.cases.filter { Self.refusedByOpenFGAServer.contains($0.name) }.count == 3)
    }

    @Test(arguments: cases.filter { !$0.expectedErrors.isEmpty })
    func invalidModelIsRefusedAtItsFirstError(_ testCase: LanguageCase) throws {
        let diagnostics = lintDiagnostics(testCase.source)
        let first = try #require(testCase.expectedErrors.first)
        #expect(reports(diagnostics, first), "expected \(first) among \(diagnostics)")
    }

    @Test(arguments: cases.filter { $0.expectedErrors.isEmpty && !refusedByOpenFGAServer.contains($0.name) })
    func validModelIsAccepted(_ testCase: LanguageCase) {
        #expect(lintDiagnostics(testCase.source) == [])
    }

    @Test(arguments: cases.filter { refusedByOpenFGAServer.contains($0.name) })
    func cyclicModelIsRefusedAsOpenFGAsServerRefusesIt(_ testCase: LanguageCase) {
        let diagnostics = ModelValidator.validate(dsl: testCase.source, level: .server)
        #expect(diagnostics.contains { $0.kind == .cycle })
        #expect(lintDiagnostics(testCase.source).contains { $0.kind == .cycle })
    }
}

/// `dsl-semantic-validation-cases.yaml`: what the validator refuses in models that parse.
struct DSLSemanticValidationTests {
    static let cases = LanguageCase.load("dsl-semantic-validation-cases.yaml", sourceKey: "dsl")

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 85)
        #expect(Self.cases.filter(\.skip).count == 7)
    }

    @Test(arguments: cases.filter { !$0.skip && !$0.expectedErrors.isEmpty })
    func invalidModelIsRefusedAtItsFirstError(_ testCase: LanguageCase) throws {
        let diagnostics = lintDiagnostics(testCase.source)
        let first = try #require(testCase.expectedErrors.first)
        #expect(reports(diagnostics, first), "expected \(first) among \(diagnostics)")
    }

    @Test(arguments: cases.filter { !$0.skip && $0.expectedErrors.isEmpty })
    func validModelIsAccepted(_ testCase: LanguageCase) {
        #expect(lintDiagnostics(testCase.source) == [])
    }

    /// OpenFGA's language tooling skips these (it misses the cycles); its server refuses all
    /// seven, and so does Tessera, at both levels.
    @Test(arguments: cases.filter(\.skip))
    func skippedCaseIsRefusedAsOpenFGAsServerRefusesIt(_ testCase: LanguageCase) {
        #expect(!ModelValidator.validate(dsl: testCase.source, level: .server).isEmpty)
        #expect(!lintDiagnostics(testCase.source).isEmpty)
    }
}
