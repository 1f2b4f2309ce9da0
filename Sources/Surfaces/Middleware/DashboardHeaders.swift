import HTTPServer

/// Puts the dashboard's security headers on every answer of a `/__ui` route, the live-tail stream's too,
/// and answers its errors as a page to a browser and as plain text to other clients (by `Accept`).
struct DashboardHeaders: Middleware {
    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.route.surface == .dashboard else { return try next(request) }
        var response: HTTPResponse
        do {
            response = try next(request)
        } catch {
            return ErrorResponses.dashboard(error, html: request.http.headers["Accept"]?.contains("text/html") ?? false)
        }
        let cache = response.headers["Cache-Control"]
        DashboardPage.secure(&response.headers)
        if let cache { response.headers.set("Cache-Control", cache) }
        return response
    }
}
