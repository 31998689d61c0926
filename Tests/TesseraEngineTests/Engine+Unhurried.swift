import TesseraEngine

extension Engine {
    /// OpenFGA's limits, but list deadlines far beyond any test run. The suites run in
    /// parallel on two cores; a list cut short by a loaded machine says nothing about the
    /// answers and would read as a disagreement.
    static let unhurried: Engine = {
        var configuration = EngineConfiguration()
        configuration.listObjectsDeadline = .seconds(600)
        configuration.listUsersDeadline = .seconds(600)
        return Engine(configuration: configuration)
    }()
}
