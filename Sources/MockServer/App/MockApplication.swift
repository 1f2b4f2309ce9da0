import Foundation
import HTTPServer
import SCIM

/// The whole mock as one request handler: the route tables of each surface, and 404/405 answers in
/// the format of the surface a path belongs to. In-process tests call `handle` directly, without sockets.
public struct MockApplication: Sendable {
    public let store: Store
    public let clock: MockClock
    public let ids: IDGenerator
    private let router: Router

    /// - Parameters:
    ///   - startupFixtures: what `/__admin/reset` goes back to (files are read again then).
    ///   - adminToken: when set, the admin API needs `Authorization: Bearer <token>`.
    public init(store: Store, auth: AuthPolicy = AuthPolicy(), clock: MockClock = MockClock(), ids: IDGenerator = IDGenerator(),
                startupFixtures: [FixtureSource] = [], adminToken: String? = nil) {
        self.store = store
        self.clock = clock
        self.ids = ids
        var router = Router()
        CloudflareRoutes(store: store, auth: auth).register(in: &router)
        SCIMRoutes(service: SCIMService(store: store, clock: clock.now, newID: ids.next),
                   authenticator: SCIMAuthenticator(store: store)).register(in: &router)
        AdminRoutes(store: store, clock: clock, ids: ids, startupFixtures: startupFixtures, token: adminToken).register(in: &router)
        self.router = router
    }

    /// The loader start-up uses, so fixture ids and timestamps follow this application's generator and clock.
    public var fixtureLoader: FixtureLoader { FixtureLoader(now: clock.now, newID: ids.next) }

    private enum Surface {
        case cloudflare, scim, admin

        init(path: String) {
            self = path.hasPrefix(AdminRoutes.prefix + "/") ? .admin
                : path.hasPrefix("/scim/") || path.hasPrefix("/populations/") ? .scim : .cloudflare
        }
    }

    /// Answers every request, including those the transport refused (run it with
    /// `passesRejectedRequests`). A refused head (400, 414, 431, 501) is answered in the surface's own
    /// error format and goes no further: it never reaches a service, so it leaves no update log. A
    /// body over the limit is 413 in the same way, except that on SCIM writes it is a FAILURE update
    /// log like any other failed write.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let surface = Surface(path: request.path)
        if let rejection = request.rejection {
            return switch surface {
            case .scim: ErrorResponses.scim(SCIMError(status: rejection.status, detail: rejection.reason))
            case .admin: ErrorResponses.admin(AdminError(status: rejection.status, message: rejection.reason))
            case .cloudflare: ErrorResponses.v4(CloudflareError(status: rejection.status, code: 1001, message: rejection.reason))
            }
        }
        // SCIM routes and the fixture loader read bodies and answer an oversize one themselves.
        if let limit = request.bodyLimitExceeded, surface != .scim, request.path != AdminRoutes.prefix + "/fixtures" {
            let message = "the request body exceeds \(limit) bytes (serve --max-body-bytes)"
            return surface == .admin ? ErrorResponses.admin(AdminError(status: 413, message: message))
                : ErrorResponses.v4(CloudflareError(status: 413, code: 1001, message: message))
        }
        switch router.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            return route(request, parameters)
        case .methodNotAllowed(let allowed):
            let message = "\(request.method) is not allowed here (allowed: \(allowed.joined(separator: ", ")))"
            var response = switch surface {
            case .scim: ErrorResponses.scim(SCIMError(status: 405, detail: message))
            case .admin: ErrorResponses.admin(AdminError(status: 405, message: message))
            case .cloudflare: ErrorResponses.v4(CloudflareError.methodNotAllowed(request.method, allowed: allowed))
            }
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return response
        case .notFound:
            return switch surface {
            case .scim: ErrorResponses.scim(SCIMError.notFound("no SCIM endpoint at \(request.path)"))
            case .admin: ErrorResponses.admin(AdminError(status: 404, message: "no admin endpoint at \(request.path)"))
            case .cloudflare: ErrorResponses.v4(CloudflareError.noRoute)
            }
        }
    }
}
