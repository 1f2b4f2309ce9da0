import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// A write refused for a documented limit leaves the resource as it was and exactly one FAILURE log.
@Suite struct SCIMWriteLimitTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    private func groupID() throws -> String {
        try #require(try scim(app, "GET", "/scim/v2/Groups?count=1").resources.first?["id"]?.stringValue)
    }

    private func expectRefused(_ body: String, scimType: String, detail: String) throws {
        let id = try groupID()
        let before = try scim(app, "GET", "/scim/v2/Groups/\(id)")
        let logsBefore = try updateLogs(app, since: "2000-01-01T00:00:00Z")
        let answer = try scim(app, "PATCH", "/scim/v2/Groups/\(id)", body)
        #expect(answer.status == 400)
        #expect(answer.json["scimType"] == .string(scimType), "\(answer.json)")
        #expect(answer.json["detail"]?.stringValue?.contains(detail) == true, "\(answer.json)")
        #expect(try scim(app, "GET", "/scim/v2/Groups/\(id)").json == before.json)
        let logs = try updateLogs(app, since: "2000-01-01T00:00:00Z")
        #expect(logs.count == logsBefore.count + 1)
        #expect(logs.last?.string("status") == "FAILURE")
        #expect(logs.last?.string("request_method") == "PATCH")
    }

    private func patch(_ operations: String) -> String { #"{"schemas":["\#(patchURN)"],"Operations":[\#(operations)]}"# }

    /// PATCH reports a bad bracket filter as `invalidPath`, as it always has (the path is what is wrong).
    @Test func aMemberFilterChainOverTheTermLimit() throws {
        let terms = Array(repeating: "v pr", count: FilterParser.maxTerms + 1).joined(separator: " or ")
        #expect(terms.count < PatchRequest.maxPathLength - 10)
        try expectRefused(
            patch(#"{"op":"remove","path":"members[\#(terms)]"}"#), scimType: "invalidPath",
            detail: "more than 1000 comparisons")
    }

    @Test func aPathOverTheLengthLimit() throws {
        let path = "members[value eq \\\"" + String(repeating: "a", count: PatchRequest.maxPathLength) + "\\\"]"
        try expectRefused(patch(#"{"op":"remove","path":"\#(path)"}"#), scimType: "invalidPath", detail: "longer than 8192")
    }

    @Test func tooManyOperations() throws {
        let operation = #"{"op":"replace","path":"displayName","value":"x"}"#
        try expectRefused(
            patch(Array(repeating: operation, count: PatchRequest.maxOperations + 1).joined(separator: ",")),
            scimType: "tooMany", detail: "at most 1000")
    }

    @Test func aSearchChainOverTheTermLimitIsAnInvalidFilter() throws {
        let chain = (0..<20_000).map { #"userName eq \"u\#($0)\""# }.joined(separator: " or ")
        let body = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"\#(chain)"}"#
        let answer = try scim(app, "POST", "/scim/v2/Users/.search", body)
        #expect(answer.status == 400)
        #expect(answer.json["scimType"] == .string("invalidFilter"))
    }
}
