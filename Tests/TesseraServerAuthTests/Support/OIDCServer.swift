import Foundation
import HummingbirdTesting
import TesseraAuth

/// A server in `--authn-method oidc` mode trusting a fresh ``TokenMinter``, seeded by an
/// unconfined caller with every scope.
enum OIDCServer {
    static func run(
        metrics: Bool = false,
        protectMetrics: Bool = false,
        configure: (inout AuthConfiguration) -> Void = { _ in },
        _ body: @Sendable (_ client: any TestClientProtocol, _ minter: TokenMinter, _ seed: Seed, _ admin: String) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-issuer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let minter = try TokenMinter(directory: directory)
        // Refusals are the point of these tests; the failure limit has its own test.
        var auth = AuthConfiguration(method: .oidc(minter.oidc), failureLimitPerMinute: 0)
        configure(&auth)
        let admin = try minter.token(scopes: TokenMinter.allScopes)
        try await AuthTestServer(auth: auth, protectMetrics: protectMetrics, metrics: metrics).run { client in
            let seed = try await client.seed(admin: admin)
            try await body(client, minter, seed, admin)
        }
    }
}
