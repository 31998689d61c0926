import Testing
import TesseraAuth

/// `--authn-method none`: development only.
struct NoAuthenticationTests {
    @Test func everyRequestIsAnAnonymousCallerWithEverything() async throws {
        let authenticator = try Authenticator(configuration: AuthConfiguration(), logger: quietLogger)
        for header in [nil, "Bearer whatever", "Basic x"] as [String?] {
            let caller = try #require(await authenticator.authenticate(AuthRequest(authorizationHeader: header, sourceAddress: "127.0.0.1"), now: t0).caller)
            #expect(caller.method == .none)
            #expect(caller.auditIdentity == "anonymous")
            #expect(authenticator.authorize(caller, operation: .deleteStore, storeID: "S1") == nil)
        }
    }

    @Test(arguments: ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"])
    func loopbackAddressesMayBeServedWithoutAuthentication(_ host: String) throws {
        #expect(try AuthConfiguration().validateBinding(host: host).isEmpty)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.0.2.10", "example.com"])
    func otherAddressesNeedTheExplicitOptIn(_ host: String) throws {
        #expect(throws: AuthConfigurationError.unauthenticatedNonLoopback(host: host)) {
            try AuthConfiguration().validateBinding(host: host)
        }
        var configuration = AuthConfiguration()
        configuration.allowUnauthenticatedNonLoopback = true
        let warnings = try configuration.validateBinding(host: host)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("authentication is off") == true)
    }
}
