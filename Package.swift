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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: System libraries

        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),

        // MARK: Libraries, lowest layer first

        .target(name: "TesseraConditions", swiftSettings: swiftSettings),
        .target(name: "TesseraModel", dependencies: ["TesseraConditions"], swiftSettings: swiftSettings),
        .target(name: "TesseraStore", dependencies: ["TesseraModel", "CLMDB"], swiftSettings: swiftSettings),
        .target(name: "TesseraEngine", dependencies: ["TesseraModel", "TesseraConditions", "TesseraStore"], swiftSettings: swiftSettings),

        // MARK: Command-line tool

        .executableTarget(
            name: "tessera",
            dependencies: [
                "TesseraModel",
                "TesseraConditions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests, one target per module

        .testTarget(
            name: "TesseraEngineTests",
            dependencies: ["TesseraEngine", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TesseraStoreTests", dependencies: ["TesseraStore"], swiftSettings: swiftSettings),
        .testTarget(name: "TesseraConditionsTests", dependencies: ["TesseraConditions"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TesseraModelTests",
            dependencies: ["TesseraModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
    ]
)
