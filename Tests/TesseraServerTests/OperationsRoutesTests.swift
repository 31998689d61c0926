import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Prometheus
import TesseraConditions
import Testing

/// `/healthz`, `/openapi.json` and `/metrics`.
struct OperationsRoutesTests {
    @Test func healthzAnswersServing() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/healthz")
            #expect(result.status == .ok)
            #expect(result.text == #"{"status":"SERVING"}"#)
        }
    }

    @Test func openAPIDocumentIsTheOneInTheRepository() async throws {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TesseraServer/Resources/openapi.json")
        let expected = try String(contentsOf: source, encoding: .utf8)
        try await TestServer().run { client in
            let result = try await client.send(.get, "/openapi.json")
            #expect(result.status == .ok)
            #expect(result.header("Content-Type") == "application/json")
            #expect(result.text == expected)
            #expect(result.json["openapi"] == .string("3.0.3"))
        }
    }

    @Test func metricsCountCheckOutcomes() async throws {
        var server = TestServer()
        server.registry = PrometheusCollectorRegistry()
        try await server.run { client in
            let (store, _) = try await client.seededStore()
            _ = try await client.send(.post, "/stores/\(store)/check", #"{"tuple_key":{"user":"user:bob","relation":"viewer","object":"document:roadmap"}}"#)
            _ = try await client.send(.post, "/stores/\(store)/check", #"{"tuple_key":{"user":"user:zed","relation":"viewer","object":"document:roadmap"}}"#)
            _ = try await client.send(.post, "/stores/\(store)/check", #"{"tuple_key":{"user":"user:zed","relation":"nope","object":"document:roadmap"}}"#)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains(#"tessera_check_outcomes_total{operation="check",outcome="allowed"} 1"#))
            #expect(metrics.text.contains(#"tessera_check_outcomes_total{operation="check",outcome="denied"} 1"#))
            #expect(metrics.text.contains(#"tessera_check_outcomes_total{operation="check",outcome="error"} 1"#))
        }
    }

    @Test func metricsReportStoreSizes() async throws {
        var server = TestServer()
        server.registry = PrometheusCollectorRegistry()
        try await server.run { client in
            _ = try await client.createStore("one")
            _ = try await client.createStore("two")
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("tessera_stores 2"))
            let sizeLine = try #require(metrics.text.split(separator: "\n").first { $0.hasPrefix("tessera_datastore_size_bytes ") })
            #expect((Double(sizeLine.split(separator: " ").last ?? "") ?? 0) > 0)
        }
    }

    @Test func metricsAreNotServedWithoutARegistry() async throws {
        try await TestServer().run { client in
            let result = try await client.send(.get, "/metrics")
            #expect(result.status == .notFound)
        }
    }
}
