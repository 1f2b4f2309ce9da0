import Foundation
import HTTPServer
import MockServer
import SCIM
import Testing
import JSON

/// Builds a fresh in-memory store per test, loaded from fixture text.
func makeStore(_ fixtures: [String] = [defaultFixtureText]) throws -> Store {
    let store = try Store()
    try FixtureLoader().load(fixtures.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "fixture\($0).json") }, into: store)
    return store
}

/// The repository's default fixture, read once.
let defaultFixtureText: String = {
    let here = URLPath(#filePath)
    return (try? String(contentsOfFile: here.repositoryRoot + "/seed-data/default.json", encoding: .utf8)) ?? ""
}()

struct URLPath {
    let path: String
    init(_ path: String) { self.path = path }
    /// Tests/MockServerTests/Support.swift → the repository root.
    var repositoryRoot: String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }
}

let account = "023e105f4ecef8ad9ca31a8372d0c353"
let okta = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
let entra = "0194ae2c-efcf-7cfb-8884-055f1a161fa5"

/// Sends one request through the application in-process and parses the JSON answer.
func call(_ app: MockApplication, _ target: String, method: String = "GET",
          headers: [(String, String)] = [("Authorization", "Bearer test")]) throws -> (status: Int, json: JSONObject) {
    let response = app.handle(HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers)))
    let json = try #require(try JSONReader.parse(response.body).objectValue, "body is not a JSON object")
    return (response.status, json)
}

extension JSONObject {
    var result: [JSONObject] { self["result"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
    var resultInfo: JSONObject { self["result_info"]?.objectValue ?? JSONObject() }
    func int(_ key: String) -> Int? { self[key]?.intValue }
    func string(_ key: String) -> String? { self[key]?.stringValue }
    var firstError: JSONObject? { self["errors"]?.arrayValue?.first?.objectValue }
}

/// Loads fixture texts (named f0.json, f1.json, …) into `store`.
func load(_ fixtures: [String], into store: Store) throws(FixtureError) {
    try FixtureLoader().load(fixtures.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "f\($0).json") }, into: store)
}
