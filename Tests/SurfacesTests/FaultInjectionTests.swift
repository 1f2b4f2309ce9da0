import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct FaultInjectionTests {
    let app: MockApplication
    let logsPath = "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)"
    static let newUser = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"fault@example.com"}"#

    init() throws {
        app = MockApplication(store: try makeStore(), journal: RequestJournal())
    }

    private func addRule(_ json: String) throws {
        let answer = app.handle(HTTPRequest(method: "POST", target: "/__admin/faults", body: Array(json.utf8)))
        #expect(answer.status == 201, "\(String(decoding: answer.body, as: UTF8.self))")
    }

    private func get(_ target: String) -> HTTPResponse {
        app.handle(HTTPRequest(method: "GET", target: target, headers: HTTPHeaders([("Authorization", "Bearer t")])))
    }

    @Test func anAnswerIsInTheSurfacesOwnFormatWithTheRulesHeaders() throws {
        try addRule(
            #"{"match":{"route":"GET /accounts/{account_id}/access/logs/scim/updates"},"respond":{"status":429,"headers":{"retry-after":"0.1","x-should-retry":"true"}}}"#
        )
        let limited = try call(app, logsPath)
        #expect(limited.status == 429 && limited.json.firstError?.int("code") == 971)
        #expect(get(logsPath).headers["retry-after"] == "0.1")
        #expect(get(logsPath).headers["x-should-retry"] == "true")
        try addRule(#"{"match":{"surface":"scim"},"respond":{"status":503,"message":"maintenance"}}"#)
        let unavailable = try scim(app, "GET", "/scim/v2/Users")
        #expect(unavailable.status == 503 && unavailable.json["detail"] == .string("maintenance"))
        #expect(unavailable.json["status"] == .string("503"))
        try addRule(#"{"match":{"surface":"admin","path_prefix":"/__admin/health"},"respond":{"status":500,"body":"boom"}}"#)
        let admin = get("/__admin/health")
        #expect(admin.status == 500 && admin.body == Array("boom".utf8))
        #expect(admin.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func theDashboardIsReachedOnlyByARuleThatNamesIt() throws {
        try addRule(#"{"respond":{"status":502}}"#)
        #expect(get(logsPath).status == 502)
        #expect(get("/__ui/logs").status == 200, "a rule without a surface leaves the dashboard alone")
        try addRule(#"{"match":{"surface":"dashboard"},"respond":{"status":503,"message":"down"}}"#)
        #expect(get("/__ui/logs").status == 503 && get(logsPath).status == 502)
    }

    @Test func theRouteMatchesWithAndWithoutTheV4Prefix() throws {
        try addRule(#"{"match":{"route":"GET /accounts/{account_id}/access/logs/scim/updates"},"respond":{"status":500}}"#)
        #expect(get(logsPath).status == 500)
        #expect(get("/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)").status == 500)
        #expect(get("/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/users").status == 200)
    }

    @Test func theIdPOfASCIMRequestComesFromItsSecret() throws {
        try addRule("{\"match\":{\"idp\":\"\(okta)\",\"account\":\"\(account)\"},\"respond\":{\"status\":502}}")
        #expect(try scim(app, "GET", "/scim/v2/Users").status == 502)
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "entra-scim-secret").status == 200)
        #expect(get(logsPath).status == 502)
    }

    @Test func headerAndQueryConditions() throws {
        try addRule(#"{"match":{"header":{"name":"X-Chaos","value":"on"},"query":{"name":"per_page","value":"2"}},"close":true}"#)
        #expect(!get(logsPath + "&per_page=2").dropsConnection)
        let headers = HTTPHeaders([("Authorization", "Bearer t"), ("x-chaos", "on")])
        #expect(app.handle(HTTPRequest(method: "GET", target: logsPath + "&per_page=2", headers: headers)).dropsConnection)
        #expect(!app.handle(HTTPRequest(method: "GET", target: logsPath + "&per_page=3", headers: headers)).dropsConnection)
    }

    @Test func aRefusedOrClosedWriteLeavesNoLogAndADelayedOrTruncatedOneIsLogged() throws {
        let before = try updateLogs(app).count
        try addRule(#"{"match":{"route":"POST /scim/v2/Users"},"respond":{"status":503},"times":1}"#)
        try addRule(#"{"match":{"route":"POST /scim/v2/Users"},"close":{"after_ms":5},"times":1}"#)
        #expect(try scim(app, "POST", "/scim/v2/Users", Self.newUser).status == 503)
        let closed = app.handle(
            HTTPRequest(
                method: "POST", target: "/scim/v2/Users", headers: HTTPHeaders([("Authorization", "Bearer okta-scim-secret")]),
                body: Array(Self.newUser.utf8)))
        #expect(closed.dropsConnection && closed.delay == .milliseconds(5))
        #expect(try updateLogs(app).count == before)
        try addRule(#"{"match":{"route":"POST /scim/v2/Users"},"delay":{"ms":250},"times":1}"#)
        try addRule(#"{"match":{"route":"POST /scim/v2/Users"},"truncate":{"after_bytes":7},"times":1}"#)
        let delayed = try scim(app, "POST", "/scim/v2/Users", Self.newUser)
        #expect(delayed.status == 201)
        let truncated = app.handle(
            HTTPRequest(
                method: "POST", target: "/scim/v2/Users", headers: HTTPHeaders([("Authorization", "Bearer okta-scim-secret")]),
                body: Array(Self.newUser.utf8)))
        #expect(truncated.status == 409 && truncated.truncatedAfter == 7)
        #expect(try updateLogs(app).count == before + 2)
    }

    @Test func aDelayAddsToTheAnswerAndAppliesToErrorsToo() throws {
        try addRule(#"{"match":{"surface":"cloudflare"},"delay":{"ms":120}}"#)
        #expect(get(logsPath).delay == .milliseconds(120))
        let failed = get("/client/v4/accounts/\(account)/access/logs/scim/updates")
        #expect(failed.status == 400 && failed.delay == .milliseconds(120))
    }

    @Test func theAdminRoutesListReplaceAndRemoveRules() throws {
        func admin(_ method: String, _ target: String, _ body: String = "") -> (Int, JSONObject) {
            let response = app.handle(HTTPRequest(method: method, target: target, body: Array(body.utf8)))
            return (response.status, (try? JSONReader.parse(response.body).objectValue) ?? JSONObject())
        }
        try addRule(#"{"id":"one","close":true,"match":{"surface":"scim"}}"#)
        #expect(admin("POST", "/__admin/faults", #"{"id":"one","close":true}"#).0 == 409)
        #expect(admin("POST", "/__admin/faults", #"{"id":"two"}"#).0 == 400)
        _ = try scim(app, "GET", "/scim/v2/Users")
        let listed = admin("GET", "/__admin/faults").1["faults"]?.arrayValue?.first?.objectValue
        #expect(listed?["matched"] == .number("1") && listed?["fired"] == .number("1"))
        #expect(admin("PUT", "/__admin/faults/one", #"{"delay":{"ms":1}}"#).0 == 200)
        #expect(admin("PUT", "/__admin/faults/three", #"{"delay":{"ms":1}}"#).0 == 201)
        #expect(admin("GET", "/__admin/faults/one").1["delay"] != nil)
        #expect(admin("DELETE", "/__admin/faults/one").0 == 200)
        #expect(admin("GET", "/__admin/faults/one").0 == 404)
        #expect(admin("DELETE", "/__admin/faults/one").0 == 404)
        #expect(admin("PUT", "/__admin/faults", #"[{"close":true},{"close":true}]"#).1["faults"]?.arrayValue?.count == 2)
        #expect(app.handle(HTTPRequest(method: "GET", target: "/__admin/health")).status == 200)
        #expect(admin("DELETE", "/__admin/faults").1["faults"] == .array([]))
        try addRule(#"{"close":true,"match":{"surface":"admin"}}"#)
        #expect(app.handle(HTTPRequest(method: "GET", target: "/__admin/health")).dropsConnection)
        #expect(admin("POST", "/__admin/reset").0 == 200)
        #expect(app.faults.isEmpty)
        #expect(!app.handle(HTTPRequest(method: "GET", target: "/__admin/health")).dropsConnection)
    }
}
