// swift-tools-version:6.2
import PackageDescription

/// Settings every Tessera target shares: explicit imports and `any` for existentials,
/// as Hummingbird does, so a dependency leaking into public API is visible in the source.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "tessera",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tessera", targets: ["tessera"]),
        .library(name: "TesseraModel", targets: ["TesseraModel"]),
        .library(name: "TesseraConditions", targets: ["TesseraConditions"]),
        .library(name: "TesseraAuth", targets: ["TesseraAuth"]),
        .library(name: "TesseraFixtures", targets: ["TesseraFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Already resolved through async-http-client; named so targets may use NIO's products.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: System libraries

        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: Libraries, lowest layer first

        .target(name: "TesseraConditions", swiftSettings: swiftSettings),
        .target(
            name: "TesseraModel",
            dependencies: ["TesseraConditions", .product(name: "Yams", package: "Yams")],  // Yams reads fga.mod manifests
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TesseraStore",
            dependencies: ["TesseraModel", "TesseraConditions", "CLMDB", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(name: "TesseraEngine", dependencies: ["TesseraModel", "TesseraConditions", "TesseraStore"], swiftSettings: swiftSettings),
        .target(
            name: "TesseraAudit",
            dependencies: [
                "TesseraStore", "TesseraModel", "TesseraConditions", "TesseraAuth", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TesseraAuth",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TesseraServer",
            dependencies: [
                "TesseraEngine", "TesseraStore", "TesseraModel", "TesseraConditions", "TesseraAuth", "TesseraAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")],  // openapi.json, served at /openapi.json
            swiftSettings: swiftSettings
        ),

        .target(
            name: "TesseraFixtures",
            dependencies: [
                "TesseraModel", "TesseraConditions", "TesseraStore", "TesseraEngine",
                .product(name: "Yams", package: "Yams"),
                // The --api-url modes talk HTTP to a Tessera or OpenFGA server.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Command-line tool

        .executableTarget(
            name: "tessera",
            dependencies: [
                "TesseraModel",
                "TesseraConditions",
                "TesseraServer",
                "TesseraEngine",
                "TesseraStore",
                "TesseraAuth",
                "TesseraFixtures",
                "TesseraAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests, one target per module

        .testTarget(
            name: "TesseraEngineTests",
            dependencies: ["TesseraEngine", "TesseraTestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TesseraStoreTests",
            dependencies: ["TesseraStore", "TesseraModel", "TesseraConditions", "TesseraStoreHarness"],
            swiftSettings: swiftSettings
        ),
        // A child process for the store's crash-safety and multi-process tests; not shipped.
        .executableTarget(
            name: "TesseraStoreHarness",
            dependencies: ["TesseraStore", "TesseraModel"],
            path: "Tests/TesseraStoreHarness",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TesseraConditionsTests", dependencies: ["TesseraConditions", "TesseraTestSupport"], swiftSettings: swiftSettings),
        // What several test targets share: the conformance data's location and a seeded generator.
        .target(name: "TesseraTestSupport", path: "Tests/TesseraTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "TesseraAuthTests",
            dependencies: [
                "TesseraAuth",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Caller authentication through the real application, per endpoint (issue 8).
        .testTarget(
            name: "TesseraServerAuthTests",
            dependencies: [
                "TesseraServer", "TesseraAuth", "TesseraStore", "TesseraAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TesseraServerTests",
            dependencies: [
                "TesseraServer", "TesseraStore", "TesseraEngine", "TesseraModel", "TesseraConditions", "TesseraAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TesseraFixturesTests",
            dependencies: ["TesseraFixtures", "TesseraModel", "TesseraConditions", "TesseraStore", "TesseraEngine"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TesseraAuditTests",
            // The binary-level audit tests (SIGKILL, `audit verify` after sqlite3 edits) are in
            // scripts/audit-cli-tests.sh.
            dependencies: ["TesseraAudit", "TesseraStore", "TesseraModel", "TesseraConditions", "TesseraAuth", "CSQLite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TesseraModelTests",
            dependencies: ["TesseraModel", "TesseraTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks that always build (CI runs GDriveBench at a smoke size)

        .target(
            name: "GDriveWorkload",
            dependencies: ["TesseraEngine", "TesseraStore", "TesseraModel", "TesseraConditions"],
            path: "Benchmarks/GDriveWorkload",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "GDriveBench",
            dependencies: ["GDriveWorkload", "TesseraEngine", "TesseraStore"],
            path: "Benchmarks/GDriveBench",
            swiftSettings: swiftSettings
        ),
    ]
)

// MARK: Benchmarks
//
// The benchmark targets (package-benchmark, release builds) are added only when
// TESSERA_BENCHMARKS is set, as `make bench` does: otherwise every debug build and CI run
// would compile the benchmark package too.
if Context.environment["TESSERA_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    for (name, dependencies) in [
        ("ConditionBenchmarks", ["TesseraConditions"]),
        ("StoreBenchmarks", ["TesseraStore", "TesseraModel"]),
        ("EngineBenchmarks", ["GDriveWorkload", "TesseraEngine", "TesseraStore"]),
    ] as [(String, [Target.Dependency])] {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: dependencies + [.product(name: "Benchmark", package: "benchmark")],
                path: "Benchmarks/\(name)",
                swiftSettings: swiftSettings,
                plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
            ))
    }
}
