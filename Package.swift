// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "scim-mock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "scim-mock", targets: ["scim-mock"]),
        // Libraries only so that the fuzz package in Fuzz/ can depend on the real modules by path.
        .library(name: "SCIM", targets: ["SCIM"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "MockServer", targets: ["MockServer"]),
        .library(name: "Replay", targets: ["Replay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/CMicroHTTPD",
            pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite",
            pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "SCIM"),
        .target(name: "MockServer", dependencies: ["HTTPServer", "SQLite", "SCIM"]),
        .target(name: "Replay", dependencies: ["SCIM"]),
        .executableTarget(
            name: "scim-mock",
            dependencies: [
                "MockServer", "HTTPServer", "Replay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM"]),
        .testTarget(name: "MockServerTests", dependencies: ["MockServer", "HTTPServer", "SCIM", "SQLite"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "SCIM"]),
    ],
    swiftLanguageModes: [.v6]
)
