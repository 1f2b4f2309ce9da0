// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets over the real modules of the root package (see README.md). A package of its own,
/// so `swift build` at the root never builds them, and the sanitizer flags of a fuzz build
/// (`--sanitize=fuzzer --sanitize=address`) instrument the root's modules along with the harnesses.
let scim = Target.Dependency.product(name: "SCIM", package: "scim-mock")
let mockServer = Target.Dependency.product(name: "MockServer", package: "scim-mock")
let httpServer = Target.Dependency.product(name: "HTTPServer", package: "scim-mock")
let replay = Target.Dependency.product(name: "Replay", package: "scim-mock")

let package = Package(
    name: "scim-mock-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "scim-mock", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [scim]),
        .executableTarget(name: "FuzzJSONReader", dependencies: ["FuzzSupport", scim]),
        .executableTarget(name: "FuzzFilter", dependencies: ["FuzzSupport", scim]),
        .executableTarget(name: "FuzzPatch", dependencies: ["FuzzSupport", scim]),
        .executableTarget(name: "FuzzQuery", dependencies: ["FuzzSupport", scim, mockServer, httpServer]),
        .executableTarget(name: "FuzzFixture", dependencies: ["FuzzSupport", scim, mockServer]),
        .executableTarget(name: "FuzzRecording", dependencies: ["FuzzSupport", replay]),
    ],
    swiftLanguageModes: [.v6]
)
