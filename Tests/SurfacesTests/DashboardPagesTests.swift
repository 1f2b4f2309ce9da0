import Foundation
import HTTPServer
import JSON
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// A dashboard answer: status, headers and the page's text.
struct PageAnswer {
    var status: Int
    var headers: HTTPHeaders
    var html: String

    /// The texts of every `<th scope="col">` in order.
    var columnHeaders: [String] {
        html.components(between: "<th scope=\"col\">", and: "</th>")
    }
}

/// A GET as a browser sends it (`Accept: text/html`, so errors come as pages), with `headers` added.
func page(_ app: MockApplication, _ target: String, headers: [(String, String)] = []) -> PageAnswer {
    var all = HTTPHeaders([("Host", "127.0.0.1:4010"), ("Accept", "text/html,*/*")])
    for (name, value) in headers { all.add(name, value) }
    let response = app.handle(HTTPRequest(method: "GET", target: target, headers: all))
    return PageAnswer(status: response.status, headers: response.headers, html: String(decoding: response.body, as: UTF8.self))
}

extension String {
    func components(between start: String, and end: String) -> [String] {
        var found: [String] = []
        var rest = self[...]
        while let open = rest.range(of: start) {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: end) else { break }
            found.append(String(rest[..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }
}

@Suite struct DashboardPagesTests {
    let app: MockApplication

    init() throws { app = MockApplication(store: try makeStore()) }

    @Test func logsPageHasCloudflaresColumnsInItsOrder() {
        let answer = page(app, "/__ui/logs")
        #expect(answer.status == 200)
        #expect(
            answer.columnHeaders == [
                "IdP name", "Timestamp", "Action", "User email", "Group name", "Resource type", "CF resource ID",
                "IDP resource ID", "Outcome",
            ])
        #expect(answer.html.contains("<caption>"))
        #expect(answer.html.contains("<time datetime=\""))
    }

    @Test func startRedirectsToTheLogs() {
        let answer = page(app, "/__ui/")
        #expect(answer.status == 303)
        #expect(answer.headers["Location"] == "/__ui/logs")
    }

    /// The page's rows are the API's rows for the same filters: the same query code serves both.
    @Test(arguments: [
        "status=FAILURE", "request_method=PATCH&request_method=PUT", "resource_type=GROUP",
        "resource_user_email=radia.perlman%40example.com", "resource_group_name=Operations",
        "idp_resource_id=rperlman", "since=2025-01-10T18:00:00Z&until=2025-01-10T21:00:00Z", "direction=asc&per_page=3",
        "per_page=4&page=2", "limit=5", "cf_resource_id=0cb1e29c-658c-4a14-95e6-0af593bd04cf",
    ])
    func pageRowsAreTheAPIsRows(filter: String) throws {
        let api = try call(app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(entra)&\(filter)")
        let answer = page(app, "/__ui/logs?account_id=\(account)&idp_id=\(entra)&\(filter)")
        #expect(answer.status == 200)
        let rows = answer.html.components(between: "<tbody id=\"log-rows\">", and: "</tbody>").first ?? ""
        let stamps = rows.components(between: "<time datetime=\"", and: "\"")
        #expect(stamps == api.json.result.compactMap { $0.string("logged_at") })
        #expect(!stamps.isEmpty)
    }

    /// A page over several IdPs (merged from each IdP's own first rows) is the union of their logs in order.
    @Test(arguments: ["desc", "asc"])
    func pagesOverSeveralIdPsAreTheUnionInOrder(direction: String) throws {
        let base = "/client/v4/accounts/\(account)/access/logs/scim/updates?direction=\(direction)"
        func stamps(_ query: String) throws -> [String] {
            try call(app, base + query).json.result.compactMap { $0.string("logged_at") }
        }
        let union = (try stamps("&idp_id=\(okta)&per_page=1000") + stamps("&idp_id=\(entra)&per_page=1000")).sorted()
        var paged: [String] = []
        for number in 1...10 { paged += try stamps("&idp_id=\(okta)&idp_id=\(entra)&per_page=5&page=\(number)") }
        #expect(paged == (direction == "asc" ? union : union.reversed()))
        #expect(paged.count == 48)
    }

    /// Each v4 update-log parameter is a field of the form, by the same name (`page` is the pager's).
    @Test func theFormsFieldsAreTheV4Parameters() throws {
        let html = page(app, "/__ui/logs").html
        let form = try #require(html.components(between: "<form class=\"filters\"", and: "</form>").first)
        let names = Set(form.components(between: " name=\"", and: "\""))
        let v4 = try #require(app.routes.first { $0.name == "GET /client/v4/accounts/{account_id}/access/logs/scim/updates" })
        let expected = Set(v4.parameters.filter { $0.location == .query && $0.name != "page" }.map(\.name))
        #expect(names == expected.union(["account_id"]))
        #expect(html.contains("rel=\"next\""))
    }

    @Test func thePollAnswersTheNewestLogsWithTheirIDs() throws {
        let answer = page(app, "/__ui/logs/poll?idp_id=\(okta)&status=FAILURE&per_page=3")
        let logs = try #require(try JSONReader.parse(answer.html).objectValue?["logs"]?.arrayValue)
        let api = try call(
            app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)&status=FAILURE&per_page=3")
        #expect(logs.compactMap { $0.objectValue?["log"] } == api.json.result.map { .object($0) })
        let ids = logs.compactMap { $0.objectValue?["id"]?.intValue }
        #expect(ids.count == 3 && ids == ids.sorted(by: >))
    }

    /// A GET form sends every field; the empty ones mean "not given".
    @Test func emptyFormFieldsAreIgnored() {
        let answer = page(app, "/__ui/logs?account_id=\(account)&idp_id=&status=FAILURE&resource_user_email=&since=")
        #expect(answer.status == 200)
        #expect(answer.html.contains("name=\"status\" value=\"FAILURE\" checked"))
        #expect(!answer.html.contains("outcome success"))
    }

    @Test func aBadFilterIsAClearHTMLPage() {
        let answer = page(app, "/__ui/logs?status=%3Cb%3EBAD")
        #expect(answer.status == 400)
        #expect(answer.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(answer.html.contains("Invalid parameter &#39;status&#39;"))
        #expect(answer.html.contains("&lt;b&gt;BAD"))
        #expect(!answer.html.contains("<b>BAD"))
    }

    @Test func clientsThatDoNotAskForHTMLGetErrorsAsPlainText() {
        let request = HTTPRequest(
            method: "GET", target: "/__ui/logs?status=BAD", headers: HTTPHeaders([("Accept", "text/event-stream")]))
        let response = app.handle(request)
        #expect(response.status == 400)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("400 Invalid parameter 'status'"))
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test(arguments: ["/__ui/logs", "/__ui/logs/1", "/__ui/assets/dashboard.js", "/__ui/nowhere", "/__ui/logs/0"])
    func everyAnswerCarriesTheSecurityHeaders(target: String) {
        let answer = page(app, target)
        let policy = answer.headers["Content-Security-Policy"] ?? ""
        #expect(policy.contains("script-src 'self'"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(answer.headers["X-Content-Type-Options"] == "nosniff")
    }

    /// Refusals too: a method the dashboard does not answer, and a guarded page without a login (both ways).
    @Test(arguments: [
        ("POST", "/__ui/logs", ""), ("DELETE", "/__ui/users", ""), ("GET", "/__ui/logs", "text/html"),
        ("GET", "/__ui/logs", ""),
    ])
    func refusalsCarryTheSecurityHeaders(method: String, target: String, accept: String) throws {
        let guarded = MockApplication(store: try makeStore(), adminToken: "t0ken")
        let answer = guarded.handle(HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Accept", accept)])))
        #expect([303, 401, 405].contains(answer.status))
        let policy = answer.headers["Content-Security-Policy"] ?? ""
        #expect(policy.hasPrefix("default-src 'none'; script-src 'self';") && !policy.contains("unsafe-inline"))
        #expect(answer.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test func pagesHaveNoInlineScriptOrStyle() {
        let html = page(app, "/__ui/logs").html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("style="))
        #expect(!html.contains(" onclick"))
    }

    @Test func theAPICallLinkNamesTheFilters() {
        let answer = page(app, "/__ui/logs?account_id=\(account)&status=FAILURE")
        let link = answer.html.components(between: "<p><a href=\"", and: "\" id=\"api-link\"").first ?? ""
        #expect(
            link
                == "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(entra)&amp;idp_id=\(okta)&amp;status=FAILURE"
        )
    }

    @Test func listsOfAnIdPTakeTheV4Filters() {
        let users = page(app, "/__ui/users?account_id=\(account)&idp_id=\(entra)&email=radia.perlman%40example.com")
        #expect(users.status == 200)
        #expect(users.html.components(between: "<tbody>", and: "</tbody>").first?.contains("radia.perlman") == true)
        #expect(users.html.components(between: "<tr><td>", and: "</td>").count == 1)
        #expect(page(app, "/__ui/groups?idp_id=\(okta)").status == 200)
        #expect(page(app, "/__ui/users?idp_id=nope").status == 404)
        #expect(page(app, "/__ui/users?per_page=101").status == 400)
    }

    @Test func aUsersPageShowsTheIdentityAsSCIMReturnsItAndItsGroups() throws {
        let created = try scim(
            app, "POST", "/scim/v2/Users",
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@example.com","externalId":"ada"}"#)
        let group = try scim(
            app, "POST", "/scim/v2/Groups",
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineers","members":[{"value":"\#(created.id)"}]}"#
        )
        let get = try scim(app, "GET", "/scim/v2/Users/\(created.id)")
        let answer = page(app, "/__ui/users/\(created.id)?idp_id=\(okta)")
        #expect(answer.status == 200)
        let shown = answer.html.components(
            between: "<pre id=\"identity-json\" tabindex=\"0\" aria-labelledby=\"identity\">", and: "</pre>")
        let unescaped = DashboardLogDetailTests.unescape(shown.first ?? "")
        #expect(try JSONReader.parse(unescaped) == .object(get.json))
        #expect(answer.html.contains(">Engineers</a>"))
        let groupPage = page(app, "/__ui/groups/\(group.id)?idp_id=\(okta)")
        #expect(groupPage.html.contains(">ada@example.com</a>") || groupPage.html.contains(created.id))
        #expect(page(app, "/__ui/users/nobody?idp_id=\(okta)").status == 404)
        #expect(page(app, "/__ui/users/\(created.id)").status == 400)
    }

    /// Pages without a live tail follow the account's event stream only to reload after a reset; the logs
    /// page has its own stream, and the login and error pages show nothing of the store.
    @Test func pagesThatShowTheStoreNameTheStreamThatReloadsThem() throws {
        let reload = "data-reload-events=\"/__ui/logs/events?account_id=\(account)\""
        let user = try scim(
            app, "POST", "/scim/v2/Users",
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"r@example.com"}"#
        ).id
        let pages = [
            "/__ui/logs/1", "/__ui/users?idp_id=\(okta)", "/__ui/groups?idp_id=\(okta)", "/__ui/users/\(user)?idp_id=\(okta)",
        ]
        for target in pages {
            #expect(page(app, target).html.contains("<main id=\"main\" tabindex=\"-1\" \(reload)>"), "\(target)")
        }
        for target in ["/__ui/logs?account_id=\(account)", "/__ui/login", "/__ui/logs/999999"] {
            #expect(!page(app, target).html.contains("data-reload-events"), "\(target)")
        }
    }

    @Test func aUsersHistoryShowsEachWriteWithItsDiff() throws {
        let user = try scim(
            app, "POST", "/scim/v2/Users",
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"lin@example.com"}"#)
        let patch = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"#
        _ = try scim(app, "PATCH", "/scim/v2/Users/\(user.id)", patch + #""displayName","value":"Lin <Li>"}]}"#)
        _ = try scim(
            app, "POST", "/scim/v2/Groups",
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops","members":[{"value":"\#(user.id)"}]}"#
        )
        _ = try scim(app, "PATCH", "/scim/v2/Users/\(user.id)", patch + #""active","value":false}]}"#)
        let html = page(app, "/__ui/users/\(user.id)?idp_id=\(okta)").html
        let entries = html.components(between: "<li data-change=\"", and: "\"")
        #expect(entries == ["WRITTEN", "WRITTEN", "WRITTEN", "WRITTEN"])
        let headings = html.components(between: "<h3>", and: " · ")
        #expect(headings == ["Written by PATCH USER", "Written by POST GROUP", "Written by PATCH USER", "Written by POST USER"])
        #expect(html.contains("<li data-path=\"active\"><code>active</code> added: <ins>false</ins></li>"))
        #expect(html.contains("<ins>&quot;Lin &lt;Li&gt;&quot;</ins>"))
        #expect(html.contains("id=\"active\">no</dd>"))
        _ = try scim(app, "DELETE", "/scim/v2/Users/\(user.id)")
        let deleted = page(app, "/__ui/users/\(user.id)?idp_id=\(okta)")
        #expect(deleted.status == 200)
        #expect(deleted.html.contains("id=\"deleted\""))
        #expect(deleted.html.components(between: "<li data-change=\"", and: "\"").first == "DELETED")
    }
}
