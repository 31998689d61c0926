import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing
@testable import TesseraServer

/// Behaviour that needs a real socket: streaming, the HTTP parser's header limit.
struct LiveServerTests {
    @Test func streamedListObjectsStreamsOverASocket() async throws {
        try await TestServer().run(.live) { client in
            let (store, _) = try await client.seededStore()
            let result = try await client.send(
                .post, "/stores/\(store)/streamed-list-objects", #"{"type":"document","relation":"viewer","user":"user:bob"}"#)
            #expect(result.status == .ok)
            let lines = result.text.split(separator: "\n").map(String.init)
            #expect(Set(lines) == [#"{"result":{"object":"document:roadmap"}}"#, #"{"result":{"object":"document:handbook"}}"#])
        }
    }

    /// The HTTP parser refuses the header block and closes that connection; a new
    /// connection is served.
    @Test func anOversizedHeaderIsRefusedAndTheServerKeepsServing() async throws {
        var server = TestServer()
        server.limits.maxHeaderBytes = 4096
        try await server.run(.live) { client in
            let refused = try? await client.send(.get, "/healthz", headers: ["X-Padding": String(repeating: "h", count: 8192)])
            #expect(refused == nil || refused?.status == .badRequest)
            let port = try #require(client.port)
            let fresh = TestClient(host: "127.0.0.1", port: port)
            fresh.connect()
            let after = try await fresh.get("/healthz")
            try await fresh.shutdown()
            #expect(after.status == .ok)
        }
    }
}

/// The numeric codes streamed errors carry (OpenFGA's `google.rpc.Status.code`).
struct StreamErrorCodeTests {
    @Test func knownCodesHaveOpenFGAsNumbers() {
        #expect(APIError.validation("x").numericCode == 2000)
        #expect(APIError(status: .badRequest, code: "authorization_model_resolution_too_complex", message: "").numericCode == 2002)
        #expect(APIError(status: .internalServerError, code: "deadline_exceeded", message: "").numericCode == 4004)
        #expect(APIError(status: .notFound, code: "store_id_not_found", message: "").numericCode == 5002)
    }

    @Test func unknownCodesFallBackByStatus() {
        #expect(APIError(status: .badRequest, code: "invalid_consistency_token", message: "").numericCode == 2000)
        #expect(APIError(status: .internalServerError, code: "storage_full", message: "").numericCode == 4000)
    }
}
