// Store benchmarks on 1M tuples (release build):
//
//   swift package benchmark --target StoreBenchmarks
//
// The 1M-tuple dataset is imported once into $TMPDIR/tessera-store-bench/v1 (kept between
// runs; delete it to rebuild) and read by the read benchmarks. Write benchmarks use fresh
// directories with the default durability (fsync on every commit). Setup happens in the
// benchmarks' async setup hooks, never by blocking a thread of the cooperative pool.
import Benchmark
import Foundation
import TesseraModel
import TesseraStore

/// 100 000 documents × 10 viewers = 1 000 000 tuples.
enum Dataset {
    static let documents = 100_000
    static let viewersPerDocument = 10
    static let users = 50_000
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-store-bench/v1").path

    static func user(document: Int, slot: Int) -> String { "user:\((document &* 7 &+ slot &* 1013) % users)" }

    static func tuples(documents range: Range<Int>) -> [TupleKey] {
        var tuples: [TupleKey] = []
        tuples.reserveCapacity(range.count * viewersPerDocument)
        for document in range {
            for slot in 0..<viewersPerDocument {
                tuples.append(TupleKey(object: "doc:\(document)", relation: "viewer", user: user(document: document, slot: slot)))
            }
        }
        return tuples
    }

    /// Existing (object, user) pairs in random order, built before measuring.
    static let probes: [(object: String, user: String)] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<4096).map { _ in
            let document = Int.random(in: 0..<documents, using: &generator)
            return ("doc:\(document)", user(document: document, slot: Int.random(in: 0..<viewersPerDocument, using: &generator)))
        }
    }()
}

/// What the setup hooks prepared for the measured closures (one benchmark runs at a time).
enum Prepared {
    nonisolated(unsafe) static var dataset: (LMDBDatastore, String)?
    nonisolated(unsafe) static var writer: (LMDBDatastore, String)?
    nonisolated(unsafe) static var round = 0

    /// Opens the 1M-tuple dataset, importing it on first use.
    static func dataset() async throws {
        guard dataset == nil else { return }
        var options = DatastoreOptions()
        options.initialMapSize = 4 << 30
        let datastore = try LMDBDatastore(path: Dataset.directory, options: options)
        if let store = try datastore.listStores(name: "bench", pageSize: 1, continuationToken: nil).items.first {
            dataset = (datastore, store.id)
            return
        }
        let storeID = try await datastore.createStore(name: "bench", caller: CallerContext()).id
        let started = Date()
        _ = try await datastore.importTuples(storeID: storeID, Dataset.tuples(documents: 0..<Dataset.documents), onDuplicate: .error, caller: CallerContext(), progress: nil)
        print("imported 1M tuples in \(Date().timeIntervalSince(started)) s")
        dataset = (datastore, storeID)
    }

    /// A fresh datastore (default durability) in its own directory.
    static func freshWriter(_ name: String, groupCommit: Bool) async throws {
        writer?.0.close()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-store-bench/\(name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: path)
        var options = DatastoreOptions()
        options.groupCommit = groupCommit
        let datastore = try LMDBDatastore(path: path, options: options)
        writer = (datastore, try await datastore.createStore(name: "bench", caller: CallerContext()).id)
    }
}

struct NotPrepared: Error {}

/// `writers` tasks each send `perWriter` one-tuple write requests.
func concurrentWrites(writers: Int, perWriter: Int) async throws {
    guard let (datastore, storeID) = Prepared.writer else { throw NotPrepared() }
    Prepared.round += 1
    let round = Prepared.round
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for index in 0..<perWriter {
                    _ = try await datastore.write(
                        storeID: storeID,
                        writes: [TupleKey(object: "doc:\(round)-\(writer)-\(index)", relation: "viewer", user: "user:\(index)")],
                        deletes: [],
                        options: WriteOptions(),
                        caller: CallerContext()
                    )
                }
            }
        }
        try await group.waitForAll()
    }
}

/// Runs `body` in one snapshot of the dataset.
func inDatasetSnapshot(_ body: (LMDBSnapshot) throws -> Void) throws {
    guard let (datastore, storeID) = Prepared.dataset else { throw NotPrepared() }
    try datastore.withSnapshot(storeID: storeID, atLeast: nil, body)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )
    let kilo = Benchmark.Configuration(scalingFactor: .kilo)

    Benchmark("Point lookup, 1M tuples", configuration: kilo, closure: { benchmark in
        let probes = Dataset.probes
        try inDatasetSnapshot { snapshot in
            var index = 0
            for _ in benchmark.scaledIterations {
                let probe = probes[index & 4095]
                blackHole(try snapshot.tuple(object: probe.object, relation: "viewer", user: probe.user))
                index &+= 1
            }
        }
    }, setup: { try await Prepared.dataset() })

    Benchmark("Forward range read of 10 users, 1M tuples", configuration: kilo, closure: { benchmark in
        let probes = Dataset.probes
        try inDatasetSnapshot { snapshot in
            var index = 0
            for _ in benchmark.scaledIterations {
                var count = 0
                try snapshot.forEachTuple(object: probes[index & 4095].object, relation: "viewer") { _ in
                    count += 1
                    return true
                }
                blackHole(count)
                index &+= 1
            }
        }
    }, setup: { try await Prepared.dataset() })

    Benchmark("Reverse scan of a user's objects, 1M tuples", configuration: kilo, closure: { benchmark in
        let probes = Dataset.probes
        try inDatasetSnapshot { snapshot in
            var index = 0
            for _ in benchmark.scaledIterations {
                var count = 0
                try snapshot.forEachTuple(user: probes[index & 4095].user, relation: "viewer", objectType: "doc") { _ in
                    count += 1
                    return true
                }
                blackHole(count)
                index &+= 1
            }
        }
    }, setup: { try await Prepared.dataset() })

    Benchmark("Snapshot + point lookup, 1M tuples", configuration: kilo, closure: { benchmark in
        guard let (datastore, storeID) = Prepared.dataset else { throw NotPrepared() }
        let probes = Dataset.probes
        var index = 0
        for _ in benchmark.scaledIterations {
            let probe = probes[index & 4095]
            blackHole(try datastore.withSnapshot(storeID: storeID, atLeast: nil) { try $0.tuple(object: probe.object, relation: "viewer", user: probe.user) })
            index &+= 1
        }
    }, setup: { try await Prepared.dataset() })

    // Bulk import: 200 000 tuples per iteration, each into a new store of one environment.
    Benchmark(
        "Bulk import, 200k tuples per iteration",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 4),
        closure: { benchmark in
            guard let (datastore, _) = Prepared.writer else { throw NotPrepared() }
            let tuples = Dataset.tuples(documents: 0..<20_000)
            Prepared.round += 1
            let storeID = try await datastore.createStore(name: "import \(Prepared.round)", caller: CallerContext()).id
            benchmark.startMeasurement()
            _ = try await datastore.importTuples(storeID: storeID, tuples, onDuplicate: .error, caller: CallerContext(), progress: nil)
            benchmark.stopMeasurement()
        },
        setup: { try await Prepared.freshWriter("import", groupCommit: true) }
    )

    // One-tuple write requests with the default durability (fsync per commit) from 8
    // concurrent writers: 8 × 25 = 200 requests per iteration, with and without group commit.
    for groupCommit in [true, false] {
        Benchmark(
            "8 writers × 25 one-tuple writes, full sync, group commit \(groupCommit ? "on" : "off")",
            configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 20),
            closure: { _ in try await concurrentWrites(writers: 8, perWriter: 25) },
            setup: { try await Prepared.freshWriter("writes-\(groupCommit)", groupCommit: groupCommit) }
        )
    }

    Benchmark(
        "1 writer, one-tuple write, full sync",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 500),
        closure: { _ in try await concurrentWrites(writers: 1, perWriter: 1) },
        setup: { try await Prepared.freshWriter("single", groupCommit: true) }
    )
}
