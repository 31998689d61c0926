import Testing
import TesseraModel

/// The DSL parser always ends, whatever follows a refused construct.
struct DSLParserRecoveryTests {
    /// A type after a condition is refused; recovery used to stay on the same line break
    /// forever.
    @Test func aTypeAfterAConditionIsRefusedWithoutHanging() {
        let dsl = "model\n  schema 1.1\ntype user\ncondition c(a: int) {\n  a < 1\n}\ntype late\n  relations\n    define nobody: [user]\n"
        #expect {
            _ = try AuthorizationModel(dsl: dsl)
        } throws: { error in
            "\(error)".contains("type definitions must come before the conditions")
        }
    }
}
