// swift-tools-version:6.0
// libFuzzer targets for Framewatch. Not part of the main package: build and run them with
// `bash scripts/fuzz/run` (see scripts/fuzz/README.md), which builds with
//   swift build -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -parse-as-library \
//     --scratch-path <repo>/.build-fuzz
// Each executable exports `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import Foundation
import PackageDescription

// A path dependency's identity is the last component of its folder, which depends on where the
// repository was cloned (`main`, `framewatch`, …); compute it instead of hard-coding it.
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let core: Target.Dependency = .product(name: "FramewatchCore", package: rootIdentity)
let text: Target.Dependency = .product(name: "FramewatchText", package: rootIdentity)

let package = Package(
    name: "FramewatchFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core, text]),
        .executableTarget(name: "fuzz-segment", dependencies: ["FuzzSupport", text]),
        .executableTarget(name: "fuzz-records", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "fuzz-importers", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "fuzz-pack", dependencies: ["FuzzSupport", core]),
        .executableTarget(name: "fuzz-analyze", dependencies: ["FuzzSupport", core]),
    ]
)
