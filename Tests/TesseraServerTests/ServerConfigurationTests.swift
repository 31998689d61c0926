import TesseraEngine
import TesseraServer
import Testing

/// `tessera serve`'s defaults that differ from the library's.
struct ServerConfigurationTests {
    /// OpenFGA's request timeout; the engine alone has no deadline.
    @Test func aServedCheckGetsThreeSeconds() {
        #expect(ServerConfiguration().engine.checkDeadline == .seconds(3))
    }
}
