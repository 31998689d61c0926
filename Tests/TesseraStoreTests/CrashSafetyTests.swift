import Foundation
import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

/// T5: a writer process is SIGKILLed at random points; after each kill the store is reopened
/// and every acknowledged batch must be there, every batch whole.
struct CrashSafetyTests {
    /// Checks the harness's invariants and returns the last committed batch number.
    func verify(_ path: String, acknowledged: Int?, previousRevision: inout UInt64) throws -> Int? {
        let datastore = try LMDBDatastore(path: path)
        defer { datastore.close() }
        guard let storeID = try datastore.listStores(name: "harness", pageSize: 1, continuationToken: nil).items.first?.id else {
            #expect(acknowledged == nil, "acknowledged batches but no store")
            return nil
        }
        let revision = try datastore.currentToken().revision
        #expect(revision >= previousRevision, "revision went back after a crash")
        previousRevision = revision
        return try datastore.withSnapshot(storeID: storeID) { snapshot in
            var counters: [String] = []
            try snapshot.forEachTuple(object: "counter:c", relation: "value") { counters.append($0.user); return true }
            guard !counters.isEmpty else {
                #expect(acknowledged == nil)
                return nil
            }
            #expect(counters.count == 1, "counter has \(counters.count) values: a batch was applied in part")
            guard let last = Int(counters[0].dropFirst(2)) else {
                Issue.record("bad counter \(counters)")
                return nil
            }
            if let acknowledged { #expect(last >= acknowledged, "acknowledged batch \(acknowledged) lost (last \(last))") }
            for number in 0...last + 1 {
                var members = 0
                try snapshot.forEachTuple(object: "batch:\(number)", relation: "member") { _ in members += 1; return true }
                let expected = number < last ? 9 : number == last ? 10 : 0
                if members != expected {
                    Issue.record("batch \(number) has \(members) members, expected \(expected) (last \(last))")
                    break
                }
            }
            return last
        }
    }

    /// 50 kills with the default durability, 20 more with `nosync` (a killed process loses
    /// nothing there either: committed pages are in the page cache).
    @Test(.timeLimit(.minutes(3)), arguments: [(DatastoreSync.full, 50), (DatastoreSync.noSync, 20)])
    func everyAcknowledgedWriteSurvivesSIGKILLAndNoWriteIsPartial(sync: DatastoreSync, cycles: Int) async throws {
        let path = temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var acknowledged: Int?
        var previousRevision: UInt64 = 0
        var generator = SystemRandomNumberGenerator()
        var totalAcks = 0
        for _ in 0..<cycles {
            let child = try Harness.Child(["write", path], environment: ["TESSERA_HARNESS_SYNC": sync.rawValue])
            // Kill anywhere from process start-up to a few dozen commits in.
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...120, using: &generator)))
            child.kill()
            let lines = child.finish()
            #expect(!lines.contains { $0.hasPrefix("error") }, "harness failed: \(lines.filter { $0.hasPrefix("error") })")
            let acks = lines.compactMap { line in line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil }
            totalAcks += acks.count
            if let last = acks.last { acknowledged = max(acknowledged ?? last, last) }
            _ = try verify(path, acknowledged: acknowledged, previousRevision: &previousRevision)
        }
        // The kills must have landed mid-stream, not only before the first write.
        #expect(totalAcks > cycles)
    }
}
