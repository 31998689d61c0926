/// A request body that does not fit OpenFGA's API: the field (as a JSON path) and what is
/// wrong with it. The server answers 400 with code `validation_error`, naming the field.
struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    var field: String
    var problem: String

    init(_ field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    var description: String {
        field.isEmpty ? problem : "invalid '\(field)': \(problem)"
    }
}
