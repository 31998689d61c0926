import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import Testing

/// `X-Request-Id`: accepted from the caller when sane, generated otherwise, always returned.
struct RequestIDTests {
    @Test func aSuppliedIDComesBack() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/healthz", headers: ["X-Request-Id": "abc-123"])
            #expect(result.header("X-Request-Id") == "abc-123")
        }
    }

    @Test func anIDIsGeneratedWhenNoneIsSent() async throws {
        try await TestServer().run { client in
            let first = try await client.send(.get, "/healthz")
            let second = try await client.send(.get, "/healthz")
            let id = try #require(first.header("X-Request-Id"))
            #expect(!id.isEmpty)
            #expect(id != second.header("X-Request-Id"))
        }
    }

    @Test func anUnacceptableIDIsReplaced() async throws {
        try await TestServer().run { client in
            let long = String(repeating: "x", count: 200)
            let result = try await client.send(.get, "/healthz", headers: ["X-Request-Id": long])
            let id = try #require(result.header("X-Request-Id"))
            #expect(id != long)
            #expect(!id.isEmpty)
        }
    }

    @Test func errorResponsesCarryTheID() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV", headers: ["X-Request-Id": "req-404"])
            #expect(result.status == .notFound)
            #expect(result.header("X-Request-Id") == "req-404")
        }
    }
}
