import HTTPServer
import Synchronization

/// The dashboard's login step, for `--admin-token`: a browser cannot send a bearer header when it
/// navigates, so `POST /__ui/login` with the token sets a session cookie (`HttpOnly`,
/// `SameSite=Strict`, path `/__ui`) holding a random session id, never the token. Sessions live in
/// memory and end when the server does.
final class DashboardSessions: Sendable {
    static let cookie = "scim_mock_ui"
    private let ids = Mutex(Set<String>())

    func open() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        ids.withLock { _ = $0.insert(id) }
        return id
    }

    func isOpen(_ id: String) -> Bool { ids.withLock { $0.contains(id) } }

    /// The session id in a `Cookie` header, if any.
    static func id(in cookieHeader: String?) -> String? {
        guard let cookieHeader else { return nil }
        for pair in cookieHeader.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            if parts.count == 2, parts[0] == cookie { return String(parts[1]) }
        }
        return nil
    }
}

/// Guards every `/__ui` path but the login form and the stylesheet when a token is set: a session
/// cookie or `Authorization: Bearer <admin token>` (`scim-mock tail`) passes; a browser without either
/// is sent to the login form, anything else gets 401.
struct DashboardAuthentication: Middleware {
    let token: String?
    let sessions: DashboardSessions

    static let open: Set<String> = [DashboardRoutes.prefix + "/login", DashboardRoutes.prefix + "/assets/dashboard.css"]

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.route.surface == .dashboard, let token, !Self.open.contains(request.route.pattern) else {
            return try next(request)
        }
        let headers = request.http.headers
        if let authorization = headers["Authorization"] {
            guard DashboardLogin.same(authorization, "Bearer \(token)") else {
                throw DashboardError(status: 401, message: "That bearer token is not the --admin-token.")
            }
            return try next(request)
        }
        if let session = DashboardSessions.id(in: headers["Cookie"]), sessions.isOpen(session) { return try next(request) }
        if request.http.method == "GET", headers["Accept"]?.contains("text/html") == true {
            let target = request.http.rawQuery.isEmpty ? request.http.path : request.http.path + "?" + request.http.rawQuery
            return DashboardRoutes.redirect(to: DashboardURL(DashboardRoutes.prefix + "/login").adding("next", target).text)
        }
        throw DashboardError(status: 401, message: "The dashboard needs a login (with --admin-token): open /__ui/login.")
    }
}

/// `GET /__ui/login` (the form) and `POST /__ui/login` (checks the token, sets the cookie, goes on to `next`).
struct DashboardLogin: Sendable {
    let token: String?
    let sessions: DashboardSessions

    static let next = RouteParameter("next", .string(maxLength: 2048), "The dashboard page to go on to")

    var routes: [Route] {
        let path = DashboardRoutes.prefix + "/login"
        let html = [
            RouteResponse(200, "The login form", body: "HTML"), RouteResponse(400, "A parameter is not valid", body: "HTML"),
        ]
        return [
            Route(
                "GET", path, surface: .dashboard, summary: "The dashboard's login form", parameters: [Self.next],
                responses: html, handler: form),
            Route(
                "POST", path, surface: .dashboard, summary: "Log in to the dashboard with the admin token",
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
        response.headers.add(
            "Set-Cookie",
            "\(DashboardSessions.cookie)=\(sessions.open()); Path=\(DashboardRoutes.prefix); HttpOnly; SameSite=Strict")
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

    /// Only a dashboard path, so the form cannot send anyone elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix(DashboardRoutes.prefix + "/") || next == DashboardRoutes.prefix,
            !next.contains("\\"), !next.hasPrefix("//")
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

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Puts the dashboard's security headers on every answer of a `/__ui` route, the live-tail stream's too.
struct DashboardHeaders: Middleware {
    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try next(request)
        if request.route.surface == .dashboard {
            let cache = response.headers["Cache-Control"]
            DashboardPage.secure(&response.headers)
            if let cache { response.headers.set("Cache-Control", cache) }
        }
        return response
    }
}
