import HTTPServer

/// Guards every `/__ui` path but the login form, the two static assets and the icon (the login page loads
/// them too, and they hold no data) when a token is set: a session cookie or `Authorization: Bearer <admin
/// token>` (`scim-mock tail`) passes; a browser without either is sent to the login form, anything else
/// gets 401.
struct DashboardAuthentication: Middleware {
    let token: String?
    let sessions: DashboardSessions

    static let open: Set<String> = [
        DashboardRoutes.prefix + "/login", DashboardRoutes.prefix + "/assets/dashboard.css",
        DashboardRoutes.prefix + "/assets/dashboard.js", DashboardIcon.path, DashboardIcon.rootPath,
    ]

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
