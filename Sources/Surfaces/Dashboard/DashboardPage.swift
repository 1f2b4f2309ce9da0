import HTTPServer

/// The frame every dashboard page shares (head, skip link, navigation, `<main>`) and the headers every
/// dashboard answer carries: a Content-Security-Policy that allows only the dashboard's own script and
/// stylesheet (no inline code anywhere), `nosniff`, no framing, no referrer, no caching.
enum DashboardPage {
    enum Section: CaseIterable {
        case logs, users, groups

        var title: String {
            switch self {
            case .logs: "SCIM provisioning logs"
            case .users: "Users"
            case .groups: "Groups"
            }
        }

        var path: String {
            switch self {
            case .logs: DashboardRoutes.prefix + "/logs"
            case .users: DashboardRoutes.prefix + "/users"
            case .groups: DashboardRoutes.prefix + "/groups"
            }
        }
    }

    /// The admin API's JSON a dashboard user reads in the browser: GETs, which take the login's session cookie.
    static let adminLinks = [("/__admin/requests", "Request journal"), ("/__admin/openapi.json", "OpenAPI document")]

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// Sets the dashboard's security headers on any answer under `/__ui`.
    static func secure(_ headers: inout HTTPHeaders) {
        headers.set("Content-Security-Policy", contentSecurityPolicy)
        headers.set("X-Content-Type-Options", "nosniff")
        headers.set("X-Frame-Options", "DENY")
        headers.set("Referrer-Policy", "no-referrer")
        headers.set("Cache-Control", "no-store")
    }

    /// A whole page: `title` in `<title>` and `<h1>`, `section` marked current in the navigation (and the
    /// account picked carried into its links), `content` inside `<main>`. A page that shows the store's
    /// state without a live tail of its own names, with `reloadsOnReset`, the account's event stream, whose
    /// `reload` (after a reset or fixture load) the script answers by reloading the page.
    static func render(
        status: Int = 200, title: String, section: Section?, account: String? = nil, reloadsOnReset: Bool = false,
        content: (inout HTMLWriter) throws -> Void
    ) rethrows -> HTTPResponse {
        var w = HTMLWriter()
        w.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        w.element("title", title + " · scim-mock")
        w.raw("<link rel=\"stylesheet\" href=\"/__ui/assets/dashboard.css\">")
        w.raw("<link rel=\"icon\" href=\"/__ui/assets/favicon.svg\" type=\"image/svg+xml\">")
        w.raw("<script src=\"/__ui/assets/dashboard.js\" defer></script></head><body>")
        w.raw("<a class=\"skip\" href=\"#main\">Skip to content</a><header><span class=\"brand\">scim-mock</span>")
        w.raw("<nav aria-label=\"Dashboard\"><ul>")
        for item in Section.allCases {
            w.raw("<li>")
            let href = DashboardURL(item.path).adding("account_id", account).text
            w.link(href, item.title, ["aria-current": item == section ? "page" : nil])
            w.raw("</li>")
        }
        for (path, title) in adminLinks {
            w.raw("<li class=\"admin\">")
            w.link(path, title)
            w.raw("</li>")
        }
        w.raw("</ul></nav></header>")
        let reloadEvents = reloadsOnReset ? DashboardURL(EventRoutes.path).adding("account_id", account).text : nil
        w.open("main", ["id": "main", "tabindex": "-1", "data-reload-events": reloadEvents])
        w.element("h1", title)
        try content(&w)
        w.raw("</main></body></html>\n")
        return html(status, w.bytes)
    }

    static func html(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        var response = HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]), body: body)
        secure(&response.headers)
        return response
    }
}
