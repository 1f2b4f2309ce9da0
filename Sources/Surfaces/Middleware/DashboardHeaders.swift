import HTTPServer

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
