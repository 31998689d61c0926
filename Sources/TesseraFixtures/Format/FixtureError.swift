/// Why a fixture file could not be run: it cannot be read or parsed, a referenced file is
/// missing or outside the fixture's folder, the model is refused, or a tuple is invalid.
/// `tessera test` reports these with exit status 2.
public struct FixtureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, as compilers print it.
    public var description: String { "\(location): error: \(message)" }
}
