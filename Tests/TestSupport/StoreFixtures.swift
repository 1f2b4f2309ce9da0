import Foundation
import Store

// Shared by the test targets: a fresh in-memory store per test, loaded from fixture text.

/// Builds a fresh in-memory store per test, loaded from fixture text.
public func makeStore(_ fixtures: [String] = [defaultFixtureText]) throws -> Store {
    let store = try Store()
    try FixtureLoader().load(fixtures.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "fixture\($0).json") }, into: store)
    return store
}

/// The repository's default fixture, read once.
public let defaultFixtureText: String = {
    let here = URLPath(#filePath)
    return (try? String(contentsOfFile: here.repositoryRoot + "/seed-data/default.json", encoding: .utf8)) ?? ""
}()

public struct URLPath {
    public let path: String
    public init(_ path: String) { self.path = path }
    /// Tests/TestSupport/StoreFixtures.swift → the repository root.
    public var repositoryRoot: String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }
}

/// Loads fixture texts (named f0.json, f1.json, …) into `store`.
public func load(_ fixtures: [String], into store: Store) throws(FixtureError) {
    try FixtureLoader().load(fixtures.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "f\($0).json") }, into: store)
}
