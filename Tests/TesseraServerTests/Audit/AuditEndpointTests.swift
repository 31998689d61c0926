import Foundation
import HTTPTypes
import HummingbirdTesting
import TesseraAudit
import TesseraConditions
import TesseraModel
import Testing
@testable import TesseraServer

/// `GET /stores/{id}/audit`: the filters of `tessera audit query`, pagination with a
/// continuation token, one store's entries only, and the errors. Entries are recorded
/// straight into the server's log (known times and callers) next to what the projector
/// copies from the journal; over a live loopback socket.
struct AuditEndpointTests {
    static let day = 86_400.0
    /// 2025-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_735_689_600)

    /// An audited server; `body` gets the client and the log.
    static func run(_ body: @Sendable (any TestClientProtocol, AuditLog) async throws -> Void) async throws {
        var server = TestServer()
        server.audit = AuditConfiguration()
        try await server.runAudited(.live) { client, log in try await body(client, try #require(log)) }
    }

    static func entry(
        _ store: String, request: String, day offset: Double = 0, kind: AuditEventKind = .refusal, subject: String? = nil,
        tuples: [TupleKey] = []
    ) throws -> AuditRecord {
        AuditRecord(
            time: start.addingTimeInterval(offset * day), kind: kind, storeID: store, caller: AuditCaller(subject: subject),
            requestID: request, outcome: kind == .refusal ? .refused : .success,
            tuples: tuples.map { AuditTupleChange(.write, $0) })
    }

    /// The request ids of the entries a query returns (all pages must fit in one).
    static func requestIDs(_ client: any TestClientProtocol, _ uri: String) async throws -> [String] {
        let page = try await client.send(.get, uri)
        try #require(page.status == .ok, "\(uri): \(page.text)")
        #expect(page.json["continuation_token"]?.stringValue == "")
        return page.json["entries"]?.arrayValue?.compactMap { $0["request_id"]?.stringValue } ?? []
    }

    @Test func everyFilterOfAuditQueryIsAQueryParameter() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            log.record(try Self.entry(store, request: "r1", kind: .write, subject: "alice", tuples: [TupleKey(object: "folder:plans", relation: "viewer", user: "user:bob")]))
            log.record(try Self.entry(store, request: "r2", day: 1, kind: .write, subject: "bob", tuples: [TupleKey(object: "folder:other", relation: "viewer", user: "user:carol")]))
            log.record(try Self.entry(store, request: "r3", day: 2, subject: "alice"))
            try await log.flush()
            let base = "/stores/\(store)/audit"
            #expect(try await Self.requestIDs(client, "\(base)?actor=alice") == ["r1", "r3"])
            #expect(try await Self.requestIDs(client, "\(base)?since=2025-01-02T00:00:00Z&until=2025-01-03T00:00:00Z") == ["r2"])
            #expect(try await Self.requestIDs(client, "\(base)?kind=refusal") == ["r3"])
            #expect(try await Self.requestIDs(client, "\(base)?object=folder:plans") == ["r1"])
            #expect(try await Self.requestIDs(client, "\(base)?user=user:carol") == ["r2"])
            #expect(try await Self.requestIDs(client, "\(base)?request_id=r3") == ["r3"])
            #expect(try await Self.requestIDs(client, "\(base)?actor=alice&kind=write") == ["r1"])
        }
    }

    @Test func entriesAreTheJSONOfAuditQuery() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            let record = try Self.entry(store, request: "r1", kind: .write, subject: "alice", tuples: [TupleKey(object: "folder:plans", relation: "viewer", user: "user:bob")])
            log.record(record)
            try await log.flush()
            let page = try await client.send(.get, "/stores/\(store)/audit?request_id=r1")
            let expected = try AuditReader(path: log.path).query(AuditQuery(storeID: store, requestID: "r1")).entries.map(\.jsonValue)
            #expect(page.json["entries"] == .array(expected))
            #expect(expected.count == 1)
        }
    }

    @Test func pagesFollowTheContinuationTokenToTheEnd() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            for index in 0..<7 { log.record(try Self.entry(store, request: "r\(index)", day: Double(index))) }
            try await log.flush()
            var seen: [String] = []
            var sizes: [Int] = []
            var token = ""
            repeat {
                let suffix = token.isEmpty ? "" : "&continuation_token=\(token)"
                let page = try await client.send(.get, "/stores/\(store)/audit?kind=refusal&page_size=3\(suffix)")
                try #require(page.status == .ok, "\(page.text)")
                let entries = page.json["entries"]?.arrayValue ?? []
                sizes.append(entries.count)
                seen += entries.compactMap { $0["request_id"]?.stringValue }
                token = page.json["continuation_token"]?.stringValue ?? ""
            } while !token.isEmpty && sizes.count < 10
            #expect(sizes == [3, 3, 1])
            #expect(seen == (0..<7).map { "r\($0)" })
        }
    }

    @Test func aMalformedOrForeignContinuationTokenIs400() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            let other = try await client.createStore("other-store")
            for index in 0..<3 {
                log.record(try Self.entry(store, request: "r\(index)"))
                log.record(try Self.entry(other, request: "o\(index)"))
            }
            try await log.flush()
            let first = try await client.send(.get, "/stores/\(store)/audit?kind=refusal&page_size=1")
            let token = try #require(first.json["continuation_token"]?.stringValue)
            try #require(!token.isEmpty)
            for uri in [
                "/stores/\(store)/audit?kind=refusal&continuation_token=not!base64",
                "/stores/\(store)/audit?kind=refusal&continuation_token=AAAA",
                "/stores/\(store)/audit?kind=refusal&continuation_token=\(token)x",
                // Minted for other filters, or for another store.
                "/stores/\(store)/audit?kind=write&continuation_token=\(token)",
                "/stores/\(other)/audit?kind=refusal&continuation_token=\(token)",
            ] {
                let reply = try await client.send(.get, uri)
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(reply.code == "invalid_continuation_token", "\(uri): \(reply.text)")
            }
            let next = try await client.send(.get, "/stores/\(store)/audit?kind=refusal&page_size=1&continuation_token=\(token)")
            #expect(next.json["entries"]?[0]?["request_id"]?.stringValue == "r1")
        }
    }

    @Test func anotherStoresEntriesAreNeverReturned() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            let other = try await client.createStore("other-store")
            for index in 0..<4 {
                log.record(try Self.entry(other, request: "o\(index)", subject: "alice"))
                log.record(try Self.entry(store, request: "r\(index)", subject: "alice"))
            }
            try await log.flush()
            let page = try await client.send(.get, "/stores/\(store)/audit?page_size=100")
            let entries = page.json["entries"]?.arrayValue ?? []
            #expect(entries.allSatisfy { $0["store_id"]?.stringValue == store })
            #expect(entries.compactMap { $0["request_id"]?.stringValue }.filter { $0.hasPrefix("r") } == ["r0", "r1", "r2", "r3"])
            #expect(try await Self.requestIDs(client, "/stores/\(store)/audit?actor=alice&request_id=o1") == [])
        }
    }

    @Test func withAuditingOffItIs400AuditDisabled() async throws {
        try await TestServer().run(.live) { client in
            let store = try await client.createStore()
            let reply = try await client.send(.get, "/stores/\(store)/audit")
            #expect(reply.status == .badRequest)
            #expect(reply.code == "audit_disabled")
            #expect(reply.message.contains("--audit off"))
        }
    }

    @Test func badParametersAre400() async throws {
        try await Self.run { client, _ in
            let store = try await client.createStore()
            for (query, code) in [
                ("page_size=0", "page_size_invalid"), ("page_size=101", "page_size_invalid"), ("page_size=x", "page_size_invalid"),
                ("since=yesterday", "validation_error"), ("until=2025-13-01T00:00:00Z", "validation_error"),
                ("kind=check", "validation_error"),
            ] {
                let reply = try await client.send(.get, "/stores/\(store)/audit?\(query)")
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.code == code, "\(query): \(reply.text)")
            }
        }
    }

    @Test func aDeletedStoresEntriesIncludingItsDeletionAreStillServed() async throws {
        try await Self.run { client, log in
            let store = try await client.createStore()
            log.record(try Self.entry(store, request: "before-deletion"))
            let deleted = try await client.send(.delete, "/stores/\(store)", headers: ["X-Request-Id": "deletion"])
            try #require(deleted.status == .noContent)
            var kinds: [String] = []
            for _ in 0..<100 {
                let page = try await client.send(.get, "/stores/\(store)/audit")
                try #require(page.status == .ok, "\(page.text)")
                kinds = page.json["entries"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
                if kinds.contains("deleteStore") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(Set(kinds) == ["createStore", "refusal", "deleteStore"])
            #expect(try await Self.requestIDs(client, "/stores/\(store)/audit?kind=deleteStore") == ["deletion"])
            #expect(try await Self.requestIDs(client, "/stores/01ARZ3NDEKTSV4RRFFQ69G5FAV/audit") == [], "an id without entries: an empty page")
        }
    }
}
