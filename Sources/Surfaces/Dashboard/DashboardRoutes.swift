import HTTPServer
import JSON
import SCIM
import Services
import Store

/// The dashboard under `/__ui`: server-rendered pages over the same queries as the v4 API, their two
/// assets and their icon (also at `/favicon.ico`). Every route is a GET (the login form's POST is in `DashboardLogin`) and none changes state.
struct DashboardRoutes: Sendable {
    let service: DashboardService

    static let prefix = "/__ui"

    var routes: [Route] {
        let p = Self.prefix
        return [
            Route(
                "GET", p, surface: .dashboard, summary: "The dashboard's start: the logs page",
                responses: [RouteResponse(303, "See /__ui/logs"), Self.loginFirst],
                handler: { _ in Self.redirect(to: p + "/logs") }),
            Route(
                "GET", p + "/logs", surface: .dashboard, summary: "SCIM provisioning logs, filtered and paged",
                parameters: DashboardParameters.logs, responses: Self.page("The logs page"), handler: logs),
            Route(
                "GET", p + "/logs/poll", surface: .dashboard, summary: "The newest logs of the page's filters, as JSON",
                parameters: DashboardParameters.logs, responses: Self.json("DashboardLogPoll"), handler: poll),
            Route(
                "GET", p + "/logs/{log_id}", surface: .dashboard, summary: "One log: every field, body, JSON, replays",
                parameters: DashboardParameters.logDetail, responses: Self.page("The log's page", notFound: true),
                handler: logDetail),
            Route(
                "GET", p + "/users", surface: .dashboard, summary: "Users of an IdP, filtered and paged",
                parameters: DashboardParameters.users, responses: Self.page("The users page", notFound: true),
                handler: { try resources(.user, $0) }),
            Route(
                "GET", p + "/groups", surface: .dashboard, summary: "Groups of an IdP, filtered and paged",
                parameters: DashboardParameters.groups, responses: Self.page("The groups page", notFound: true),
                handler: { try resources(.group, $0) }),
            Route(
                "GET", p + "/users/{resource_id}", surface: .dashboard, summary: "A user: identity, groups, history",
                parameters: DashboardParameters.resource, responses: Self.page("The user's page", notFound: true),
                handler: { try resource(.user, $0) }),
            Route(
                "GET", p + "/groups/{resource_id}", surface: .dashboard, summary: "A group: identity, members, history",
                parameters: DashboardParameters.resource, responses: Self.page("The group's page", notFound: true),
                handler: { try resource(.group, $0) }),
            Route(
                "GET", p + "/assets/dashboard.css", surface: .dashboard, summary: "The dashboard's stylesheet",
                responses: [RouteResponse(200, "The stylesheet", body: "Stylesheet")],
                handler: { _ in Self.asset(DashboardStyle.css, "text/css; charset=utf-8") }),
            Route(
                "GET", p + "/assets/dashboard.js", surface: .dashboard, summary: "The dashboard's script (copy, live tail)",
                responses: [RouteResponse(200, "The script", body: "JavaScript")],
                handler: { _ in Self.asset(DashboardScript.js, "text/javascript; charset=utf-8") }),
        ] + Self.icon
    }

    /// The icon at the path pages name and at the one browsers ask for anyway.
    static let icon = [DashboardIcon.path, DashboardIcon.rootPath].map { path in
        Route(
            "GET", path, surface: .dashboard, summary: "The dashboard's icon (SVG)",
            responses: [RouteResponse(200, "The icon", body: "Icon")],
            handler: { _ in Self.asset(DashboardIcon.svg, "image/svg+xml") })
    }

    /// Every dashboard path but the login form and the assets is guarded when --admin-token is set.
    static let loginFirst = RouteResponse(401, "Log in first (with --admin-token)", body: "DashboardError")

    static func page(_ summary: String, notFound: Bool = false) -> [RouteResponse] {
        var responses = [
            RouteResponse(200, summary, body: "HTML"), RouteResponse(400, "A parameter is not valid", body: "DashboardError"),
            loginFirst,
        ]
        if notFound { responses.append(RouteResponse(404, "No such log, IdP or resource", body: "DashboardError")) }
        return responses
    }

    static func json(_ body: String) -> [RouteResponse] {
        [
            RouteResponse(200, "The logs", body: body), RouteResponse(400, "A parameter is not valid", body: "DashboardError"),
            loginFirst,
        ]
    }

    static func redirect(to location: String) -> HTTPResponse {
        var response = HTTPResponse(status: 303, headers: HTTPHeaders([("Location", location)]))
        DashboardPage.secure(&response.headers)
        return response
    }

    static func asset(_ text: StaticString, _ type: String) -> HTTPResponse {
        var response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", type)]))
        text.withUTF8Buffer { response.body = Array($0) }
        DashboardPage.secure(&response.headers)
        response.headers.set("Cache-Control", "no-cache")
        return response
    }

    // MARK: handlers

    private func logs(_ request: RouteRequest) throws -> HTTPResponse {
        let view = try DashboardView(request, service: service)
        let query = try view.logQuery()
        let page = try service.cloudflare.updateLogEntries(query)
        return LogsPage(view: view, query: query, page: page).render()
    }

    private func poll(_ request: RouteRequest) throws -> HTTPResponse {
        let view = try DashboardView(request, service: service)
        var query = try view.logQuery()
        query.window = PageWindow(page: 1, perPage: query.window.perPage)
        query.ascending = false
        let page = try service.cloudflare.updateLogEntries(query)
        var w = JSONWriter(capacity: 256 + page.items.count * 512)
        w.raw("{\"logs\":[")
        for (index, entry) in page.items.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{\"id\":"); w.raw(String(entry.id)); w.raw(",\"log\":")
            entry.log.write(to: &w)
            w.raw("}")
        }
        w.raw("]}")
        var response = HTTPResponse.json(200, w.bytes)
        DashboardPage.secure(&response.headers)
        return response
    }

    private func logDetail(_ request: RouteRequest) throws -> HTTPResponse {
        let view = try DashboardView(request, service: service)
        let id = try request.parameters.int("log_id") ?? 0
        guard let detail = try service.log(id: Int64(id), account: view.requestedAccount) else {
            throw DashboardError(
                status: 404, message: "There is no log \(id)\(view.requestedAccount.map { " in account \($0)" } ?? "").")
        }
        let reveal = try request.parameters.choice("reveal") == "passwords"
        return LogDetailPage(view: view, detail: detail, reveal: reveal).render()
    }

    private func resources(_ kind: SCIMResourceKind, _ request: RouteRequest) throws -> HTTPResponse {
        let view = try DashboardView(request, service: service)
        let idp = try view.requireSingleIdP()
        let query = try CloudflareRoutes.resourceQuery(view.parameters, idp: idp.id, users: kind == .user)
        let page = kind == .user ? try service.cloudflare.users(query) : try service.cloudflare.groups(query)
        return ResourceListPage(view: view, kind: kind, idp: idp, page: page).render()
    }

    /// A resource's page; a deleted one still has its history, so only a resource that never was is 404
    /// (`HistoryError.resourceNotFound`).
    private func resource(_ kind: SCIMResourceKind, _ request: RouteRequest) throws -> HTTPResponse {
        let view = try DashboardView(request, service: service)
        let idp = try view.requireSingleIdP()
        let q = request.parameters
        let id = try q.path("resource_id")
        let resource = try service.resource(kind, id: id, idp: idp.id, scimBaseURL: view.scimBaseURL)
        let window = PageWindow(page: try q.int("history_page") ?? 1, perPage: 50)
        let history = try service.history.history(
            HistoryQuery(
                accountID: idp.accountID, idpID: idp.id, kind: kind, resourceID: id, baseURL: view.scimBaseURL,
                window: window))
        let reveal = try q.choice("reveal") == "passwords"
        return ResourcePage(view: view, kind: kind, idp: idp, id: id, resource: resource, history: history, reveal: reveal)
            .render()
    }
}
