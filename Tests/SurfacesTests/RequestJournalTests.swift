import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct RequestJournalTests {
    let app: MockApplication
    let journal = RequestJournal(capacity: 5, bodyLimit: 16)
    let logsPath = "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)"

    init() throws {
        app = MockApplication(store: try makeStore(), journal: journal)
    }

    private func requests(_ query: String = "") throws -> [JSONObject] {
        let response = app.handle(HTTPRequest(method: "GET", target: "/__admin/requests" + query))
        #expect(response.status == 200)
        return try #require(JSONReader.parse(response.body).objectValue?["requests"]?.arrayValue).compactMap(\.objectValue)
    }

    private func count(_ query: String) throws -> Int? {
        let response = app.handle(HTTPRequest(method: "GET", target: "/__admin/requests/count" + query))
        return try JSONReader.parse(response.body).objectValue?["count"]?.intValue
    }

    @Test func everyRequestOnEverySurfaceIsRecordedWithCredentialsRedacted() throws {
        _ = try call(app, logsPath, headers: [("Authorization", "Bearer secret-token"), ("X-Auth-Key", "k")])
        let user = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"j"}"#
        _ = try scim(app, "POST", "/scim/v2/Users", user)
        _ = try call(app, "/nowhere")
        _ = app.handle(HTTPRequest(method: "GET", target: "/__admin/health"))
        let entries = try requests()
        #expect(
            entries.map { $0["surface"] } == [.string("cloudflare"), .string("scim"), .string("cloudflare"), .string("admin")])
        #expect(entries[0]["route"] == .string("GET /client/v4/accounts/{account_id}/access/logs/scim/updates"))
        #expect(entries[0]["query"] == .string("idp_id=\(okta)"))
        let headers = entries[0]["headers"]?.objectValue
        #expect(headers?["authorization"] == .string("Bearer [redacted]") && headers?["x-auth-key"] == .string("[redacted]"))
        #expect(entries[1]["status"] == .number("201") && entries[1]["body_bytes"] == .number(String(user.utf8.count)))
        #expect(entries[1]["body"] == .string(#"{"schemas":["urn"#))
        #expect(entries[0]["body"] == .null)
        #expect(entries[2]["route"] == .null && entries[2]["status"] == .number("404"))
    }

    @Test func filtersAndTheCountForm() throws {
        _ = try call(app, logsPath)
        _ = try call(app, logsPath + "&per_page=abc")
        _ = try scim(app, "GET", "/scim/v2/Users", headers: [("X-Trace", "t1")])
        #expect(try count("?surface=cloudflare") == 2)
        #expect(try count("?status=400") == 1)
        #expect(try count("?route=GET%20/accounts/%7Baccount_id%7D/access/logs/scim/updates") == 2)
        #expect(try count("?route=GET%20/scim/v2/Users&method=get") == 1)
        #expect(try count("?path_prefix=/scim/") == 1)
        #expect(try count("?header=x-trace:%20t1") == 1)
        #expect(try count("?since=2100-01-01T00:00:00Z") == 0)
        #expect(try count("?until=2100-01-01T00:00:00Z") == 3)
        #expect(try requests("?limit=1").map { $0["surface"] } == [.string("scim")])
        let bad = app.handle(HTTPRequest(method: "GET", target: "/__admin/requests?header=novalue"))
        #expect(bad.status == 400)
        #expect(app.handle(HTTPRequest(method: "GET", target: "/__admin/requests?status=abc")).status == 400)
    }

    @Test func aMisspeltFilterIsRefusedRatherThanCountingEverything() throws {
        _ = try call(app, logsPath)
        let typo = app.handle(HTTPRequest(method: "GET", target: "/__admin/requests/count?stauts=503"))
        #expect(typo.status == 400)
        let message = try JSONReader.parse(typo.body).objectValue?["error"]?.stringValue ?? ""
        #expect(message.hasPrefix("stauts is not a filter of GET /__admin/requests/count"), "\(message)")
        #expect(app.handle(HTTPRequest(method: "GET", target: "/__admin/requests?limit=2&bogus=1")).status == 400)
        #expect(try count("?status=200") == 1)
    }

    @Test func theRingKeepsTheLastRequestsAndDeleteEmptiesIt() throws {
        for page in 1...7 { _ = try call(app, logsPath + "&page=\(page)") }
        let entries = try requests()
        #expect(entries.map { $0["number"] } == (3...7).map { .number(String($0)) })
        #expect(entries.last?["query"] == .string("idp_id=\(okta)&page=7"))
        #expect(app.handle(HTTPRequest(method: "DELETE", target: "/__admin/requests")).status == 200)
        #expect(try requests().isEmpty)
        _ = try call(app, logsPath)
        #expect(try requests().map { $0["number"] } == [.number("8")])
    }

    @Test func faultsAndLimitsAreNoted() throws {
        let rule = #"{"id":"slow","match":{"surface":"scim"},"delay":{"ms":30}}"#
        _ = app.handle(HTTPRequest(method: "POST", target: "/__admin/faults", body: Array(rule.utf8)))
        _ = try scim(app, "GET", "/scim/v2/Users")
        let entry = try #require(try requests("?surface=scim").first)
        #expect(entry["fault"] == .object(JSONObject([("rule", .string("slow")), ("action", .string("delay"))])))
        #expect((entry["duration_ms"].flatMap { if case .number(let n) = $0 { Double(n) } else { nil } } ?? 0) >= 30)
        #expect(entry["rate_limit"] == .null)
    }
}
