import HTTPServer

/// `GET /__ui/login` (the form) and `POST /__ui/login` (checks the token, sets the cookie, goes on to `next`).
struct DashboardLogin: Sendable {
    let token: String?
    let sessions: DashboardSessions

    static let next = RouteParameter("next", .string(maxLength: 2048), "The dashboard page to go on to")

    var routes: [Route] {
        let path = DashboardRoutes.prefix + "/login"
        let html = [
            RouteResponse(200, "The login form", body: "HTML"),
            RouteResponse(400, "A parameter is not valid", body: "DashboardError"),
        ]
        return [
            Route(
                "GET", path, surface: .dashboard, summary: "The dashboard's login form", parameters: [Self.next],
                responses: html, handler: form),
            Route(
                "POST", path, surface: .dashboard, summary: "Log in to the dashboard with the admin token",
                requestBody: "LoginForm",
                responses: [
                    RouteResponse(303, "Logged in: on to the page asked for"),
                    RouteResponse(401, "Not the admin token", body: "HTML"),
                ],
                handler: login),
        ]
    }

    private func form(_ request: RouteRequest) throws -> HTTPResponse {
        page(status: 200, next: Self.safeNext(try request.parameters.string("next")), failed: false)
    }

    private func login(_ request: RouteRequest) throws -> HTTPResponse {
        let form = QueryParameters(parsing: String(decoding: request.http.body, as: UTF8.self))
        let next = Self.safeNext(form.first("next"))
        guard let token else { return DashboardRoutes.redirect(to: next) }
        guard let given = form.first("token"), Self.same(given, token) else { return page(status: 401, next: next, failed: true) }
        var response = DashboardRoutes.redirect(to: next)
        response.headers.add("Set-Cookie", DashboardSessions.setCookie(sessions.open()))
        return response
    }

    private func page(status: Int, next: String, failed: Bool) -> HTTPResponse {
        DashboardPage.render(status: status, title: "Log in", section: nil) { w in
            guard token != nil else {
                w.raw("<p>The dashboard is open: the server runs without <code>--admin-token</code>. ")
                w.link(next, "Go on")
                w.raw("</p>")
                return
            }
            if failed { w.element("p", "That is not the admin token.", ["role": "alert", "id": "login-error"]) }
            w.raw("<form class=\"login\" method=\"post\" action=\"/__ui/login\">")
            w.raw("<label for=\"token\">Admin token (serve --admin-token)</label>")
            w.raw("<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required>")
            w.open("input", ["type": "hidden", "name": "next", "value": next])
            w.raw("<button type=\"submit\">Log in</button></form>")
        }
    }

    /// Only a dashboard path, without spaces or control characters, so the form cannot send anyone elsewhere
    /// nor add a header.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix(DashboardRoutes.prefix + "/") || next == DashboardRoutes.prefix,
            !next.contains("\\"), !next.hasPrefix("//"), !next.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        else { return DashboardRoutes.prefix + "/logs" }
        return next
    }

    /// Compares in time independent of where the texts differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = x.count ^ y.count
        for i in 0..<max(x.count, y.count) {
            difference |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0))
        }
        return difference == 0
    }
}
