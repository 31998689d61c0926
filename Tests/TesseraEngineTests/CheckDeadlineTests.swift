import Testing
import TesseraEngine
import TesseraModel
import TesseraStore

/// `EngineConfiguration.checkDeadline`: a check that runs past it fails with
/// `deadline_exceeded`; without one (the library default) it runs to its answer.
struct CheckDeadlineTests {
    /// `doc:root` has 200 `doc:N#viewer` usersets, none holding the user: a check walks them all.
    static func wideModel() throws -> (TypeSystem, TupleSet) {
        let model = try AuthorizationModel(dsl: "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user, doc#viewer]\n")
        let tuples = (1...200).map { TupleKey(object: "doc:root", relation: "viewer", user: "doc:\($0)#viewer") }
        return (TypeSystem(model: model), TupleSet(tuples))
    }

    static let request = CheckRequest(object: "doc:root", relation: "viewer", user: "user:anne")

    @Test func aCheckPastItsDeadlineFails() throws {
        let (typeSystem, tuples) = try Self.wideModel()
        var configuration = EngineConfiguration()
        configuration.checkDeadline = .nanoseconds(1)
        #expect {
            try Engine(configuration: configuration).check(Self.request, typeSystem: typeSystem, reader: tuples)
        } throws: { error in
            (error as? EngineError)?.code == .deadlineExceeded
        }
    }

    @Test func withoutADeadlineTheCheckAnswers() throws {
        let (typeSystem, tuples) = try Self.wideModel()
        #expect(EngineConfiguration().checkDeadline == nil)
        #expect(try Engine().check(Self.request, typeSystem: typeSystem, reader: tuples) == false)
    }
}
