import HTTPServer
import JSON
import Surfaces
import TestSupport
import Testing

/// Every dashboard page names an icon that is served, from the dashboard's own origin as its CSP's
/// `img-src 'self'` requires, and `/favicon.ico`, which browsers ask for anyway, answers the same icon.
@Suite struct DashboardIconTests {
    let app: MockApplication

    init() throws { app = MockApplication(store: try makeStore()) }

    private func iconLink(_ html: String) -> String? {
        html.components(between: "<link rel=\"icon\" href=\"", and: "\"").first
    }

    @Test(arguments: [
        "/__ui/logs", "/__ui/logs/1", "/__ui/users?idp_id=\(okta)", "/__ui/groups?idp_id=\(okta)", "/__ui/login",
        "/__ui/logs/0",
    ])
    func everyPageNamesAnIconThatIsServed(_ target: String) throws {
        let answer = page(app, target)
        let href = try #require(iconLink(answer.html), "\(target) has no <link rel=\"icon\">")
        #expect(href.hasPrefix("/") && !href.hasPrefix("//"), "the icon is not from the page's own origin: \(href)")
        #expect(answer.headers["Content-Security-Policy"]?.contains("img-src 'self'") == true)
        let icon = page(app, href)
        #expect(icon.status == 200)
        #expect(icon.headers["Content-Type"] == "image/svg+xml")
        #expect(icon.html.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func faviconICOAnswersTheSameIconWithTheAssetsCacheHeaders() {
        let svg = page(app, "/__ui/assets/favicon.svg")
        let ico = page(app, "/favicon.ico")
        #expect(ico.status == 200 && ico.html == svg.html)
        #expect(ico.headers["Content-Type"] == "image/svg+xml")
        let stylesheet = page(app, "/__ui/assets/dashboard.css")
        for answer in [svg, ico] {
            #expect(answer.headers["Cache-Control"] == stylesheet.headers["Cache-Control"])
            #expect(answer.headers["X-Content-Type-Options"] == "nosniff")
        }
    }

    @Test(arguments: ["/__ui/assets/favicon.svg", "/favicon.ico"])
    func theIconNeedsNoLogin(_ target: String) throws {
        let guarded = MockApplication(store: try makeStore(), adminToken: "s3cret")
        #expect(page(guarded, target).status == 200)
    }

    @Test(arguments: ["/__ui/assets/favicon.svg", "/favicon.ico"])
    func theDocumentListsTheIcon(_ path: String) throws {
        let document = try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue)
        let ok = document["paths"]?.objectValue?[path]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue?["200"]
        #expect(ok?.objectValue?["content"]?.objectValue?["image/svg+xml"] != nil)
    }
}
