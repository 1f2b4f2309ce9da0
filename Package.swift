// swift-tools-version:6.0
import PackageDescription

/// Linux only: the transport and the CLI use Glibc, and libmicrohttpd and SQLite come from Debian packages
/// (the Makefile installs them). `Sources/HTTPServer/LinuxOnly.swift` makes any other platform fail to build.
let package = Package(
    name: "scim-mock",
    products: [
        .executable(name: "scim-mock", targets: ["scim-mock"]),
        // Libraries only so that the fuzz package in Fuzz/ can depend on the real modules by path.
        .library(name: "JSON", targets: ["JSON"]),
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
        .target(name: "JSON"),
        .target(name: "SCIM", dependencies: ["JSON"]),
        .target(name: "MockServer", dependencies: ["HTTPServer", "SQLite", "SCIM", "JSON"]),
        .target(name: "Replay", dependencies: ["JSON"]),
        .executableTarget(
            name: "scim-mock",
            dependencies: [
                "MockServer", "HTTPServer", "Replay", "JSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM", "JSON"]),
        .testTarget(name: "MockServerTests", dependencies: ["MockServer", "HTTPServer", "SCIM", "SQLite", "JSON"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "JSON"]),
    ],
    swiftLanguageModes: [.v6]
)
