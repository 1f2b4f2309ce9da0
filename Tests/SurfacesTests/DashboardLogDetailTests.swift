import Foundation
import HTTPServer
import JSON
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct DashboardLogDetailTests {
    let app: MockApplication

    init() throws { app = MockApplication(store: try makeStore()) }

    /// The newest log's row id, from the logs page's first row.
    func newestLogID() throws -> String {
        let html = page(app, "/__ui/logs?idp_id=\(okta)&per_page=1").html
        return try #require(html.components(between: "<tr data-id=\"", and: "\"").first)
    }

    @Test func aNonJSONBodyHoldingScriptIsShownEscapedAsReceived() throws {
        _ = try scim(app, "POST", "/scim/v2/Users", "<script>alert(1)</script>{}}")
        let id = try newestLogID()
        let answer = page(app, "/__ui/logs/\(id)")
        #expect(answer.status == 200)
        #expect(!answer.html.contains("<script>alert"))
        #expect(answer.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;{}}"))
        #expect(answer.html.contains("id=\"body-raw-note\""))
        #expect(answer.html.contains("ERROR</span> (API status: FAILURE)"))
    }

    @Test func aJSONBodyIsIndentedAndTheJSONLogIsTheAPIsRow() throws {
        _ = try scim(app, "POST", "/scim/v2/Users", #"{"userName":"<b>x</b>@example.com","active":true}"#)
        let id = try newestLogID()
        let html = page(app, "/__ui/logs/\(id)").html
        #expect(
            html.contains(
                "{\n  &quot;userName&quot;: &quot;&lt;b&gt;x&lt;/b&gt;@example.com&quot;,\n  &quot;active&quot;: true\n}"))
        let api = try call(app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)&per_page=1")
        var row = JSONWriter()
        row.value(.object(try #require(api.json.result.first)))
        let shown = html.components(between: "<pre id=\"log-json\" tabindex=\"0\" aria-labelledby=\"json-log\">", and: "</pre>")
        #expect(shown.first.map(Self.unescape) == row.string)
    }

    @Test func passwordsAreMaskedUnlessRevealed() throws {
        let body = #"{"schemas":["\#(userSchema)"],"userName":"pw@example.com","password":"hunter2-secret"}"#
        let created = try scim(app, "POST", "/scim/v2/Users", body)
        _ = try scim(
            app, "PATCH", "/scim/v2/Users/\(created.id)",
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"password","value":"other-secret"}]}"#
        )
        let patchID = try newestLogID()
        let masked = page(app, "/__ui/logs/\(patchID)").html
        #expect(!masked.contains("other-secret"))
        #expect(masked.contains("Reveal passwords"))
        #expect(page(app, "/__ui/logs/\(patchID)?reveal=passwords").html.contains("other-secret"))
        let neighbours = try #require(masked.components(between: "Logs of the same resource\">", and: "</nav>").first)
        let previous = try #require(neighbours.components(between: "<a href=\"", and: "\"").dropFirst().first)
        let create = page(app, Self.unescape(previous)).html
        #expect(create.contains("POST USER"))
        #expect(!create.contains("hunter2-secret"))
        #expect(create.contains("id=\"next-log\""))
    }

    @Test func theCopiesAreACurlCommandAndAReplayLine() throws {
        let created = try scim(app, "POST", "/scim/v2/Users", #"{"schemas":["\#(userSchema)"],"userName":"it's@example.com"}"#)
        _ = try scim(app, "DELETE", "/scim/v2/Users/\(created.id)")
        let html = page(app, "/__ui/logs/\(try newestLogID())").html
        let curl = Self.unescape(
            html.components(between: "<pre id=\"log-curl\" tabindex=\"0\" aria-label=\"Copy as curl\">", and: "</pre>").first
                ?? "")
        #expect(
            curl
                == "curl -s -X DELETE 'http://127.0.0.1:4010/scim/v2/Users/\(created.id)' -H \"Authorization: Bearer $SCIM_SECRET\""
        )
        let line = Self.unescape(
            html.components(between: "aria-label=\"Copy as a replay line\">", and: "</pre>").first ?? "")
        let record = try #require(try JSONReader.parse(line).objectValue)
        #expect(record["method"] == .string("DELETE"))
        #expect(record["path"] == .string("/scim/v2/Users/\(created.id)"))
        #expect(record["status"] == .string("SUCCESS"))
        #expect(html.contains("href=\"/__ui/users/\(created.id)?account_id=\(account)&amp;idp_id=\(okta)\""))
    }

    @Test(arguments: ["/__ui/logs/999999", "/__ui/logs/1?account_id=other", "/__ui/logs/-4", "/__ui/logs/1?reveal=all"])
    func aMissingLogOrBadParameterIsAClearPage(target: String) {
        let answer = page(app, target)
        #expect([400, 404].contains(answer.status))
        #expect(answer.html.contains("id=\"error-message\""))
    }

    let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"

    static func unescape(_ html: String) -> String {
        html.replacing("&quot;", with: "\"").replacing("&#39;", with: "'").replacing("&lt;", with: "<")
            .replacing("&gt;", with: ">").replacing("&amp;", with: "&")
    }
}
