import HTTPServer
import JSON
import Services
import Store

/// The admin API under `/__admin`, a prefix the emulated APIs never use: health, reset, fixture
/// loading, the state as a fixture, per-account reset, and the clock. GETs never change state.
struct AdminRoutes: Sendable {
    let service: AdminService
    /// What else a reset clears (the fault rules, rate-limit windows and request journal).
    var afterReset: @Sendable () -> Void = {}

    static let prefix = "/__admin"

    var routes: [Route] {
        let p = Self.prefix
        func route(
            _ method: String, _ path: String, _ summary: String, _ parameters: [RouteParameter] = [],
            body: String = "Health", request: String? = nil, oversize: Bool = false, _ handler: @escaping Route.Handler
        ) -> Route {
            let tooLarge = oversize ? [RouteResponse(413, "The body exceeds serve --max-body-bytes", body: "AdminError")] : []
            return Route(
                method, p + path, surface: .admin, summary: summary, parameters: parameters, requestBody: request,
                responses: [RouteResponse(200, summary, body: body)] + Self.errorResponses + tooLarge,
                answersOversizeBody: oversize, handler: handler)
        }
        return [
            route("GET", "/health", "What the store holds, and the clock") { _ in try health() },
            route("POST", "/reset", "Back to the start-up fixtures (or to nothing with empty=true)", [Self.empty]) { r in
                let empty = try r.parameters.first("empty").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
                try service.reset(empty: empty)
                afterReset()
                return try health()
            },
            route("POST", "/fixtures", "Add a fixture document", request: "Fixture", oversize: true) { r in
                try service.loadFixtures(r.http.body, exceededLimit: r.http.bodyLimitExceeded)
                return try health()
            },
            route("GET", "/state", "The whole state as a fixture document", body: "Fixture") { _ in
                try StateExportStream.response(service.stateExport())
            },
            route("DELETE", "/accounts/{account_id}", "Replace one account by its start-up fixtures", [Self.account]) { r in
                try service.resetAccount(try r.parameters.path("account_id"))
                return try health()
            },
            route("GET", "/clock", "The mock clock", body: "Clock") { _ in Self.json(200, clockState()) },
            route("POST", "/clock", "Set, advance or unfreeze the mock clock", body: "Clock", request: "ClockChange") { r in
                try service.changeClock(try ClockChange(body: r.http.body))
                return Self.json(200, clockState())
            },
        ]
    }

    static let errorResponses = [RouteResponse(400, "Bad request", body: "AdminError"), unauthorized]

    /// Every admin route can answer it: the admin authentication runs in front of them all.
    static let unauthorized = RouteResponse(401, "Missing or wrong admin token (serve --admin-token)", body: "AdminError")

    static let empty = RouteParameter("empty", .boolean, "true, 1 or yes: reset to an empty store")
    static let account = RouteParameter("account_id", in: .path, "The account to replace")

    private func health() throws -> HTTPResponse {
        let c = try service.counts()
        return Self.json(
            200,
            JSONObject([
                ("status", .string("ready")),
                ("accounts", .number(String(c.accounts))), ("identity_providers", .number(String(c.idps))),
                ("users", .number(String(c.users))), ("groups", .number(String(c.groups))),
                ("update_logs", .number(String(c.logs))),
                ("clock", .object(clockState())),
            ]))
    }

    private func clockState() -> JSONObject {
        let clock = service.clock
        return JSONObject([("now", .string(clock.now().rfc3339Micros)), ("frozen", .bool(clock.isFrozen))])
    }

    static func json(_ status: Int, _ object: JSONObject) -> HTTPResponse {
        var w = JSONWriter()
        w.value(.object(object))
        return HTTPResponse.json(status, w.bytes)
    }
}
