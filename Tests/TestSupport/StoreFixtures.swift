import Foundation
import Store

// Shared by the test targets: a fresh in-memory store per test, loaded from fixture text.

/// The default fixture's account and its two IdPs.
public let account = "023e105f4ecef8ad9ca31a8372d0c353"
public let okta = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
public let entra = "0194ae2c-efcf-7cfb-8884-055f1a161fa5"

/// Builds a fresh in-memory store per test, loaded from fixture text.
public func makeStore(_ fixtures: [String] = [defaultFixtureText]) throws -> Store {
    let store = try Store()
    try FixtureLoader().load(
        fixtures.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "fixture\($0).json") }, into: store)
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

/// A generated fixture (`scim-mock generate`) under an account of its own, so it loads beside the default.
public func generatedFixtureText(idps: Int, users: Int, groups: Int, logs: Int) -> String {
    var generator = FixtureGenerator()
    generator.accountID = "ffffffffffffffffffffffffffffffff"
    generator.identityProviders = idps
    generator.users = users
    generator.groups = groups
    generator.updateLogs = logs
    return String(decoding: generator.generate(), as: UTF8.self)
}
