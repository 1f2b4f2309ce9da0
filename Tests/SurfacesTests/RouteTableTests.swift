import HTTPServer
import JSON
import Services
import Store
import Surfaces
import Synchronization
import TestSupport
import Testing

/// The routes as values: complete descriptions, one registration per method and pattern, the
/// matched pattern known, and one middleware chain in front of every surface.
@Suite struct RouteTableTests {
    private static func captures(_ pattern: String) -> [String] {
        pattern.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    @Test func everyRouteDescribesItselfAndItsPathParameters() throws {
        let app = MockApplication(store: try Store())
        // Cloudflare (both prefixes), SCIM (both bases), admin (with its OpenAPI document), fault rules, the
        // dashboard's live tail, its pages and assets, its icon (twice), its login form; the journal's three
        // with a journal.
        #expect(app.routes.count == 6 + 2 * 21 + 8 + 7 + 1 + 10 + 2 + 2)
        #expect(MockApplication(store: try Store(), journal: RequestJournal()).routes.count == app.routes.count + 3)
        for route in app.routes {
            #expect(!route.summary.isEmpty, "\(route.name)")
            // A success or, for the dashboard's start and its login form, the redirect that is their success.
            #expect(
                route.responses.contains { (200..<400).contains($0.status) } || route.pattern.hasSuffix("/Bulk"), "\(route.name)")
            let declared = route.parameters.filter { $0.location == .path }.map(\.name)
            #expect(declared.sorted() == Self.captures(route.pattern).sorted(), "\(route.name)")
        }
        #expect(Set(app.routes.map(\.name)).count == app.routes.count)
        #expect(Set(app.routes.map(\.surface)) == Set(Surface.allCases))
    }

    @Test func routeNamesAreMethodAndPattern() throws {
        let names = MockApplication(store: try Store()).routes.map(\.name)
        #expect(names.contains("PATCH /scim/v2/Groups/{id}"))
        #expect(names.contains("GET /client/v4/accounts/{account_id}/access/logs/scim/updates"))
        #expect(names.contains("GET /accounts/{account_id}/access/identity_providers/{identity_provider_id}/scim/users"))
        #expect(names.contains("DELETE /__admin/accounts/{account_id}"))
    }

    /// Records the pattern each request matched, and answers one path itself.
    private struct Recorder: Middleware {
        let seen = Journal()

        final class Journal: Sendable {
            let names = Mutex<[String]>([])
        }

        func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
            seen.names.withLock { $0.append(request.route.name) }
            if request.http.query.first("short") != nil { return HTTPResponse(status: 299) }
            return try next(request)
        }
    }

    @Test func middlewareRunsInFrontOfEverySurfaceWithTheMatchedRoute() throws {
        let recorder = Recorder()
        let app = MockApplication(store: try makeStore(), middleware: [recorder])
        _ = app.handle(HTTPRequest(method: "GET", target: "/__admin/health"))
        _ = app.handle(
            HTTPRequest(method: "GET", target: "/scim/v2/Users/abc", headers: HTTPHeaders([("Authorization", "Bearer x")])))
        _ = app.handle(HTTPRequest(method: "GET", target: "/accounts/a/access/logs/scim/updates?idp_id=i"))
        #expect(
            recorder.seen.names.withLock { $0 } == [
                "GET /__admin/health", "GET /scim/v2/Users/{id}", "GET /accounts/{account_id}/access/logs/scim/updates",
            ])
        // It runs before authentication: with no credentials at all, it still answers.
        #expect(app.handle(HTTPRequest(method: "GET", target: "/scim/v2/Users?short=1")).status == 299)
    }

    @Test func errorsAMiddlewareThrowsAreRenderedInTheRoutesSurfaceFormat() throws {
        struct Refuse: Middleware {
            func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
                throw RouteError.invalidParameter(name: "x", reason: "is refused")
            }
        }
        let app = MockApplication(store: try Store(), middleware: [Refuse()])
        let v4 = app.handle(HTTPRequest(method: "GET", target: "/client/v4/accounts/a/access/logs/scim/updates"))
        let scim = app.handle(HTTPRequest(method: "GET", target: "/scim/v2/Users"))
        let admin = app.handle(HTTPRequest(method: "GET", target: "/__admin/health"))
        #expect(String(decoding: v4.body, as: UTF8.self).contains(#""code":1001,"message":"Invalid parameter 'x': is refused""#))
        #expect(String(decoding: scim.body, as: UTF8.self).contains(#""scimType":"invalidValue","detail":"x is refused""#))
        #expect(String(decoding: admin.body, as: UTF8.self) == #"{"success":false,"error":"x is refused"}"#)
        #expect([v4.status, scim.status, admin.status] == [400, 400, 400])
    }
}
