import HTTPServer
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct DashboardLoginTests {
    let app: MockApplication

    init() throws { app = MockApplication(store: try makeStore(), adminToken: "s3cret", journal: RequestJournal()) }

    func post(_ body: String) -> HTTPResponse {
        app.handle(
            HTTPRequest(
                method: "POST", target: "/__ui/login",
                headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]), body: Array(body.utf8)))
    }

    @Test func aBrowserWithoutASessionIsSentToTheLoginForm() {
        let answer = page(app, "/__ui/logs?status=FAILURE", headers: [("Accept", "text/html,*/*")])
        #expect(answer.status == 303)
        #expect(answer.headers["Location"] == "/__ui/login?next=%2F__ui%2Flogs%3Fstatus%3DFAILURE")
        #expect(page(app, "/__ui/login").status == 200)
    }

    @Test(arguments: ["/__ui/logs", "/__ui/logs/events", "/__ui/logs/poll", "/__ui/users/x?idp_id=y"])
    func otherClientsWithoutTheTokenGet401(target: String) {
        let plain = HTTPHeaders([("Accept", "text/event-stream")])
        #expect(app.handle(HTTPRequest(method: "GET", target: target, headers: plain)).status == 401)
        #expect(page(app, target, headers: [("Authorization", "Bearer wrong")]).status == 401)
    }

    /// The login page loads them before anyone has logged in; they are the same for everyone.
    @Test(arguments: ["/__ui/assets/dashboard.js", "/__ui/assets/dashboard.css"])
    func theAssetsAreOpen(target: String) {
        #expect(app.handle(HTTPRequest(method: "GET", target: target)).status == 200)
    }

    @Test func theBearerTokenPasses() {
        #expect(page(app, "/__ui/logs", headers: [("Authorization", "Bearer s3cret")]).status == 200)
    }

    @Test func loggingInSetsAStrictHttpOnlyCookieThatOpensThePages() throws {
        #expect(post("token=wrong&next=%2F__ui%2Fusers").status == 401)
        let response = post("token=s3cret&next=%2F__ui%2Fusers")
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/__ui/users")
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/;"))
        #expect(!cookie.contains("s3cret"))
        let session = String(try #require(cookie.split(separator: ";").first))
        #expect(page(app, "/__ui/logs", headers: [("Cookie", "other=1; " + session)]).status == 200)
        #expect(page(app, "/__ui/logs", headers: [("Cookie", "scim_mock_ui=forged")]).status == 303)
    }

    func session() throws -> String {
        let cookie = try #require(post("token=s3cret").headers["Set-Cookie"])
        return String(try #require(cookie.split(separator: ";").first))
    }

    func admin(_ method: String, _ target: String, _ headers: [(String, String)]) -> HTTPResponse {
        app.handle(HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: []))
    }

    /// The dashboard's links to the journal and the OpenAPI document open for the browser that logged in.
    @Test(arguments: ["/__admin/requests", "/__admin/openapi.json"])
    func theSessionCookieOpensTheAdminAPIsGETs(target: String) throws {
        let cookie = try session()
        #expect(admin("GET", target, [("Cookie", cookie)]).status == 200)
        #expect(admin("GET", target, []).status == 401)
        #expect(admin("GET", target, [("Cookie", "scim_mock_ui=forged")]).status == 401)
        #expect(admin("GET", target, [("Cookie", cookie), ("Authorization", "Bearer wrong")]).status == 401)
        #expect(admin("GET", target, [("Authorization", "Bearer s3cret")]).status == 200)
    }

    /// A write on the admin API needs the bearer token: the cookie a browser sends by itself never does one.
    @Test func theSessionCookieNeverOpensAnAdminWrite() throws {
        let cookie = try session()
        #expect(admin("POST", "/__admin/reset", [("Cookie", cookie)]).status == 401)
        #expect(admin("POST", "/__admin/reset", []).status == 401)
        #expect(admin("DELETE", "/__admin/requests", [("Cookie", cookie)]).status == 401)
        #expect(admin("POST", "/__admin/reset", [("Authorization", "Bearer s3cret")]).status == 200)
    }

    @Test func theDashboardLinksToTheJournalAndTheDocument() {
        let html = page(app, "/__ui/logs", headers: [("Authorization", "Bearer s3cret")]).html
        let nav = html.components(between: "<nav aria-label=\"Dashboard\">", and: "</nav>").first ?? ""
        #expect(nav.contains("<a href=\"/__admin/requests\">Request journal</a>"))
        #expect(nav.contains("<a href=\"/__admin/openapi.json\">OpenAPI document</a>"))
    }

    @Test(arguments: [
        "https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F__admin%2Freset", "%2F__ui%2Flogs%0D%0ASet-Cookie%3A+a%3Db",
    ])
    func loginGoesOnlyToDashboardPages(next: String) {
        #expect(post("token=s3cret&next=\(next)").headers["Location"] == "/__ui/logs")
    }

    @Test func withoutATokenTheDashboardIsOpen() throws {
        let open = MockApplication(store: try makeStore())
        #expect(page(open, "/__ui/logs", headers: [("Accept", "text/html")]).status == 200)
        #expect(page(open, "/__ui/login").html.contains("The dashboard is open"))
    }

    /// Only GETs, and the login's POST: nothing in the dashboard changes state. All under /__ui but the
    /// icon at the path browsers ask for.
    @Test func dashboardRoutesAreReadOnly() {
        let dashboard = app.routes.filter { $0.surface == .dashboard }
        #expect(dashboard.count >= 10)
        for route in dashboard {
            #expect(route.pattern.hasPrefix("/__ui") || route.pattern == "/favicon.ico", "\(route.name)")
            #expect(route.method == "GET" || route.name == "POST /__ui/login", "\(route.name)")
            #expect(!route.responses.isEmpty)
        }
    }
}
