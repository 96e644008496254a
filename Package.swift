// swift-tools-version:6.1
import PackageDescription

let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
    name: "Framewatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "framewatch", targets: ["framewatch"]),
        .library(name: "FramewatchCore", targets: ["FramewatchCore"]),
        .library(name: "FramewatchText", targets: ["FramewatchText"]),
        .library(name: "FramewatchStore", targets: ["FramewatchStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The service. Hummingbird's default traits pull in swift-configuration, which we do not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Already in Hummingbird's graph; named here for one channel handler (`Expect: 100-continue`).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already in Hummingbird's graph; named here for the shutdown drain (a second service).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The monitoring store (SQLite, through Debian's libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The few ICU C calls the project needs, behind a header that includes no ICU header
        // (see Sources/CICU/include/cicu.h). `_FoundationICU` is linked before Debian's ICU so that the C++
        // symbols both libraries define bind to Foundation's copy inside Foundation.
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("_FoundationICU", .when(platforms: [.linux])),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
                .linkedLibrary("m"),
            ]
        ),
        // Release builds drop the run-time exclusivity checks of the hot path (class-held scratch
        // buffers are accessed per token; the checks cost ~30% of analysis time, measured with
        // callgrind). Debug builds and the test suite keep them, so a violation is still caught.
        .target(name: "FramewatchText", dependencies: ["CICU"], swiftSettings: hotPathSettings),
        .target(name: "FramewatchCore", dependencies: ["FramewatchText"], swiftSettings: hotPathSettings),
        // The monitoring store: scored articles in SQLite (WAL), trend queries, history.
        .target(
            name: "FramewatchStore",
            dependencies: ["FramewatchCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "FramewatchServer",
            dependencies: [
                "FramewatchCore",
                "FramewatchStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "framewatch",
            dependencies: [
                "FramewatchCore",
                "FramewatchStore",
                "FramewatchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark harness (release builds only; see scripts/bench).
        .executableTarget(name: "fw-bench", dependencies: ["FramewatchCore", "CICU"], path: "scripts/bench/Sources"),
        .testTarget(name: "FramewatchTextTests", dependencies: ["FramewatchText", "CICU"]),
        .testTarget(name: "FramewatchCoreTests", dependencies: ["FramewatchCore"], exclude: ["Fixtures"]),
        // A real SQLite file per test.
        .testTarget(name: "FramewatchStoreTests", dependencies: ["FramewatchStore"]),
        // Drives the real `framewatch` binary as a subprocess.
        .testTarget(name: "FramewatchCLITests", dependencies: ["framewatch"]),
        // Starts the real server (`framewatch serve`) on a free loopback port.
        .testTarget(name: "FramewatchServerTests", dependencies: ["framewatch", "FramewatchCore"]),
    ]
)
