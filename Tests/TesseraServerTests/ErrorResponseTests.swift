import HTTPTypes
import HummingbirdTesting
import NIOCore
import TesseraConditions
import TesseraStore
import Testing

/// The `{code, message}` body for routing errors and real faults.
struct ErrorResponseTests {
    @Test func anUnknownRouteIs404UndefinedEndpoint() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/no/such/thing")
            #expect(result.status == .notFound)
            #expect(result.code == "undefined_endpoint")
            #expect(result.header("Content-Type") == "application/json")
        }
    }

    @Test func anUnknownStoreSubpathIs404UndefinedEndpoint() async throws {
        try await TestServer().run { client in
            let store = try await client.createStore()
            let result = try await client.send(.post, "/stores/\(store)/teleport", "{}")
            #expect(result.status == .notFound)
            #expect(result.code == "undefined_endpoint")
        }
    }

    /// A fault in the store is a 500 whose body says nothing about it.
    @Test func aFaultIsAMasked500() async throws {
        var server = TestServer()
        server.prepareDatastore = { $0.close() }
        try await server.run { client in
            let result = try await client.send(.get, "/stores")
            #expect(result.status == .internalServerError)
            #expect(result.code == "internal_error")
            #expect(result.message == "Internal Server Error")
        }
    }
}
