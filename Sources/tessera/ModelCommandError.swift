import TesseraFixtures

/// A failure the command reports as is, with exit status 1.
struct ModelCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension ModelSourceFile {
    /// Reads `name` (`-`: standard input) for a model command.
    static func read(_ name: String) throws(ModelCommandError) -> ModelSourceFile {
        do {
            return try ModelSourceFile(reading: name)
        } catch {
            throw ModelCommandError(error.description)
        }
    }
}
