// Engine benchmarks on the gdrive-like dataset (release build):
//
//   TESSERA_BENCHMARKS=1 swift package benchmark --target EngineBenchmarks
//
// TESSERA_ENGINE_BENCH_TUPLES sets the size (default 1 000 000). The dataset is imported
// once into $TMPDIR/tessera-engine-bench (kept between runs, shared with GDriveBench).
// One iteration is one `withSnapshot` + `Engine.check` (or one list objects), so the
// reported wall-clock percentiles are per-request latencies.
import Benchmark
import Foundation
import GDriveWorkload
import TesseraEngine
import TesseraStore

/// What the setup hook prepared for the measured closures.
enum Prepared {
    nonisolated(unsafe) static var store: GDriveStore?

    static func open() async throws {
        guard store == nil else { return }
        let tuples = ProcessInfo.processInfo.environment["TESSERA_ENGINE_BENCH_TUPLES"].flatMap { Int($0) } ?? 1_000_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-engine-bench").path
        store = try await GDriveStore.open(tupleCount: tuples, directory: directory)
    }
}

struct NotPrepared: Error {}

struct WrongAnswer: Error, CustomStringConvertible {
    var description: String
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        warmupIterations: 1000,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )
    var configuration = EngineConfiguration()
    configuration.listObjectsMaxResults = 0
    let engine = Engine(configuration: configuration)
    // Probes do not depend on the store, only on the dataset's size.
    let tuples = ProcessInfo.processInfo.environment["TESSERA_ENGINE_BENCH_TUPLES"].flatMap { Int($0) } ?? 1_000_000
    let dataset = GDriveDataset(tupleCount: tuples)

    for checkCase in CheckCase.all(for: dataset) {
        nonisolated(unsafe) var index = 0
        Benchmark("check: \(checkCase.name)", closure: { _ in
            guard let store = Prepared.store else { throw NotPrepared() }
            let probe = checkCase.probes[index % checkCase.probes.count]
            index &+= 1
            let answer = try store.datastore.withSnapshot(storeID: store.storeID, atLeast: nil) {
                try engine.check(probe.request, typeSystem: store.typeSystem, reader: $0)
            }
            guard answer == probe.expected else { throw WrongAnswer(description: "\(checkCase.name): wrong answer for \(probe.request)") }
        }, setup: { try await Prepared.open() })
    }

    let request = ListObjectsRequest(type: "document", relation: "viewer", user: GDriveDataset.lister, context: GDriveDataset.requestContext)
    let expectedCount = dataset.listerDocuments().count
    Benchmark(
        "list objects: \(expectedCount) documents",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 100),
        closure: { _ in
            guard let store = Prepared.store else { throw NotPrepared() }
            let result = try store.datastore.withSnapshot(storeID: store.storeID, atLeast: nil) {
                try engine.listObjects(request, typeSystem: store.typeSystem, reader: $0)
            }
            guard result.objects.count == expectedCount else {
                throw WrongAnswer(description: "list objects found \(result.objects.count), expected \(expectedCount)")
            }
        },
        setup: { try await Prepared.open() })
}
