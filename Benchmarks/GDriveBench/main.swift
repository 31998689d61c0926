// The gdrive-like engine benchmark as a plain executable: imports the dataset into LMDB,
// verifies every probe's answer, then prints p50/p99 per check case and for list objects.
//
//   GDriveBench [tuples] [samples-per-case] [case-name-prefix]
//
// Defaults: 20 000 tuples, 2 000 samples, every case (a prefix such as `direct` or `list`
// runs the matching cases alone, for profiling).
//
// Each sample is one `withSnapshot` + `Engine.check`, timed with ContinuousClock, as a
// server request pays it. A small size is CI's smoke run (`make test`): it fails on a wrong
// answer, never on time. `make bench` runs it on 1M tuples in a release build.
import Foundation
import GDriveWorkload
import TesseraEngine
import TesseraStore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let casePrefix = CommandLine.arguments.dropFirst().first { Int($0) == nil } ?? ""
let tupleCount = arguments.first ?? 20_000
let samplesPerCase = arguments.dropFirst().first ?? 2_000
let keep = tupleCount >= 1_000_000
let directory =
    keep
    ? FileManager.default.temporaryDirectory.appendingPathComponent("tessera-engine-bench").path
    : FileManager.default.temporaryDirectory.appendingPathComponent("tessera-engine-smoke-\(getpid())").path

struct WrongAnswer: Error, CustomStringConvertible {
    var description: String
}

func run(tupleCount: Int, samplesPerCase: Int, directory: String, keep: Bool, casePrefix: String) async throws {
    let store = try await GDriveStore.open(tupleCount: tupleCount, directory: directory)
    if let seconds = store.importSeconds { print("imported \(tupleCount) tuples in \((seconds * 10).rounded() / 10) s") }
    print("gdrive dataset: \(tupleCount) tuples, \(store.dataset.documents) documents, \(store.dataset.chains) folder chains")
    var configuration = EngineConfiguration()
    configuration.listObjectsMaxResults = 0
    let engine = Engine(configuration: configuration)

    for checkCase in CheckCase.all(for: store.dataset, probesPerCase: min(4096, samplesPerCase)) where checkCase.name.hasPrefix(casePrefix) {
        // Warm-up and verification: every probe once.
        for probe in checkCase.probes {
            let answer = try store.datastore.withSnapshot(storeID: store.storeID, atLeast: nil) {
                try engine.check(probe.request, typeSystem: store.typeSystem, reader: $0)
            }
            guard answer == probe.expected else {
                throw WrongAnswer(description: "\(checkCase.name): \(probe.request) answered \(answer), expected \(probe.expected)")
            }
        }
        var samples: [Int64] = []
        samples.reserveCapacity(samplesPerCase)
        let clock = ContinuousClock()
        for index in 0..<samplesPerCase {
            let probe = checkCase.probes[index % checkCase.probes.count]
            let started = clock.now
            let answer = try store.datastore.withSnapshot(storeID: store.storeID, atLeast: nil) {
                try engine.check(probe.request, typeSystem: store.typeSystem, reader: $0)
            }
            samples.append((clock.now - started).nanoseconds)
            guard answer == probe.expected else { throw WrongAnswer(description: "\(checkCase.name): answer changed") }
        }
        report(checkCase.name, LatencySummary(nanoseconds: samples))
    }

    guard "list objects".hasPrefix(casePrefix) || casePrefix.hasPrefix("list") else { return }
    let expected = store.dataset.listerDocuments()
    let request = ListObjectsRequest(type: "document", relation: "viewer", user: GDriveDataset.lister, context: GDriveDataset.requestContext)
    var samples: [Int64] = []
    for round in 0..<(keep ? 30 : 5) {
        let started = ContinuousClock.now
        let result = try store.datastore.withSnapshot(storeID: store.storeID, atLeast: nil) {
            try engine.listObjects(request, typeSystem: store.typeSystem, reader: $0)
        }
        if round > 0 { samples.append((ContinuousClock.now - started).nanoseconds) }  // round 0 warms up
        guard Set(result.objects) == expected, !result.truncated else {
            throw WrongAnswer(description: "list objects found \(result.objects.count) documents, expected \(expected.count)")
        }
    }
    report("list objects (\(expected.count) documents)", LatencySummary(nanoseconds: samples))
}

func report(_ name: String, _ summary: LatencySummary) {
    let figures = "p50 \(LatencySummary.format(summary.percentile(50)))  p99 \(LatencySummary.format(summary.percentile(99)))"
    print("\(name.padding(toLength: 60, withPad: " ", startingAt: 0)) \(figures)  (n=\(summary.samples.count))")
}

do {
    try await run(tupleCount: tupleCount, samplesPerCase: samplesPerCase, directory: directory, keep: keep, casePrefix: casePrefix)
    if !keep { try? FileManager.default.removeItem(atPath: directory) }
} catch {
    print("GDriveBench failed: \(error)")
    if !keep { try? FileManager.default.removeItem(atPath: directory) }
    exit(1)
}
