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
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Services", targets: ["Services"]),
        .library(name: "Surfaces", targets: ["Surfaces"]),
        .library(name: "Replay", targets: ["Replay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/CMicroHTTPD",
            pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite",
            pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Transport: libmicrohttpd as request/response values and a router; knows nothing of SCIM.
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"]),
        // Storage wrapper: SQLite connections, statements, migrations; knows nothing of HTTP.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // JSON values, reader, writer, and RFC 3339 timestamps, shared by every layer above.
        .target(name: "JSON"),
        // The domain: SCIM resources, filters, PATCH, update logs. Pure.
        .target(name: "SCIM", dependencies: ["JSON"]),
        // The store: tables, SCIM writes with their update logs, fixtures, the change feed.
        .target(name: "Store", dependencies: ["SQLite", "SCIM", "JSON"]),
        // Services: typed input in, domain results or typed errors out (SCIM, Cloudflare, admin).
        .target(name: "Services", dependencies: ["Store", "SCIM", "JSON"]),
        // Surfaces: the route tables that adapt HTTP to the services, the middleware, the error renderers.
        .target(name: "Surfaces", dependencies: ["HTTPServer", "Services", "Store", "SCIM", "JSON", "Replay", "TestSupport"]),
        // Replay and export of recorded provisioning traffic (an HTTP client of its own).
        .target(name: "Replay", dependencies: ["JSON"]),
        .executableTarget(
            name: "scim-mock",
            dependencies: [
                "Surfaces", "Services", "Store", "HTTPServer", "Replay", "JSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM", "JSON"]),
        .target(name: "TestSupport", dependencies: ["Store"], path: "Tests/TestSupport"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SCIM", "SQLite", "JSON", "TestSupport"]),
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Store", "SCIM", "JSON", "TestSupport"]),
        .testTarget(
            name: "SurfacesTests",
            dependencies: ["Surfaces", "Services", "Store", "HTTPServer", "SCIM", "SQLite", "JSON", "TestSupport"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "JSON"]),
    ],
    swiftLanguageModes: [.v6]
)
