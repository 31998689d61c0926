import Foundation
import Testing
import TesseraAuth

/// Repeated failures from one source address are answered 429 with `Retry-After`.
struct FailureRateLimitTests {
    static let key = "the-one-valid-preshared-key"

    private func authenticator(limit: Int = 3) throws -> Authenticator {
        try Authenticator(configuration: AuthConfiguration(method: .preshared(keys: [Self.key]), failureLimitPerMinute: limit), logger: quietLogger)
    }

    private func attempt(_ authenticator: Authenticator, _ key: String, from address: String = "192.0.2.50", at offset: TimeInterval = 0) async -> AuthOutcome {
        await authenticator.authenticate(AuthRequest(authorizationHeader: "Bearer " + key, sourceAddress: address), now: t0.addingTimeInterval(offset))
    }

    @Test func failuresPastTheLimitAreAnswered429WithRetryAfter() async throws {
        let authenticator = try authenticator()
        for index in 0..<3 {
            #expect(await attempt(authenticator, "guess-\(index)", at: Double(index)).failure?.status == 401)
        }
        let failure = try #require(await attempt(authenticator, "guess-4", at: 10).failure)
        #expect(failure.status == 429)
        #expect(failure.code == .rateLimited)
        #expect(failure.retryAfterSeconds == 50)
        #expect(failure.headers.map(\.name) == ["Retry-After"])
    }

    @Test func evenTheRightKeyIsRefusedWhileThrottled() async throws {
        let authenticator = try authenticator()
        for index in 0..<3 { _ = await attempt(authenticator, "guess-\(index)") }
        #expect(await attempt(authenticator, Self.key, at: 1).failure?.status == 429)
        // Once the minute is over the address may try again.
        #expect(await attempt(authenticator, Self.key, at: 61).caller != nil)
    }

    @Test func addressesAreCountedSeparatelyAndIPv6PerSlash64() async throws {
        let authenticator = try authenticator()
        for index in 0..<3 { _ = await attempt(authenticator, "guess", from: "2001:db8:1:2::\(index + 1)") }
        #expect(await attempt(authenticator, Self.key, from: "2001:db8:1:2:ffff::9").failure?.status == 429)
        #expect(await attempt(authenticator, Self.key, from: "2001:db8:1:3::1").caller != nil)
        #expect(await attempt(authenticator, Self.key, from: "192.0.2.51").caller != nil)
    }

    @Test func zeroDisablesTheLimit() async throws {
        let authenticator = try authenticator(limit: 0)
        for index in 0..<100 { _ = await attempt(authenticator, "guess-\(index)") }
        #expect(await attempt(authenticator, Self.key).caller != nil)
    }

    @Test func successesDoNotCount() async throws {
        let authenticator = try authenticator()
        for _ in 0..<10 { #expect(await attempt(authenticator, Self.key).caller != nil) }
        for index in 0..<2 { _ = await attempt(authenticator, "guess-\(index)") }
        #expect(await attempt(authenticator, Self.key).caller != nil)
    }
}
