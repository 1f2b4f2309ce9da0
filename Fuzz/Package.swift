// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets over the real modules of the root package (see README.md). A package of its own,
/// so `swift build` at the root never builds them, and the sanitizer flags of a fuzz build
/// (`--sanitize=fuzzer --sanitize=address`) instrument the root's modules along with the harnesses.
let json = Target.Dependency.product(name: "JSON", package: "scim-mock")
let scim = Target.Dependency.product(name: "SCIM", package: "scim-mock")
let store = Target.Dependency.product(name: "Store", package: "scim-mock")
let services = Target.Dependency.product(name: "Services", package: "scim-mock")
let surfaces = Target.Dependency.product(name: "Surfaces", package: "scim-mock")
let httpServer = Target.Dependency.product(name: "HTTPServer", package: "scim-mock")
let replay = Target.Dependency.product(name: "Replay", package: "scim-mock")

let package = Package(
    name: "scim-mock-fuzz",
    dependencies: [.package(name: "scim-mock", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [scim, json]),
        .executableTarget(name: "FuzzJSONReader", dependencies: ["FuzzSupport", scim, json]),
        .executableTarget(name: "FuzzFilter", dependencies: ["FuzzSupport", scim, json]),
        .executableTarget(name: "FuzzPatch", dependencies: ["FuzzSupport", scim, json]),
        .executableTarget(name: "FuzzQuery", dependencies: ["FuzzSupport", scim, json, store, services, surfaces, httpServer]),
        .executableTarget(name: "FuzzFixture", dependencies: ["FuzzSupport", scim, json, store, services]),
        .executableTarget(name: "FuzzRecording", dependencies: ["FuzzSupport", replay, json]),
    ],
    swiftLanguageModes: [.v6]
)
