import HTTPServer
import SCIM
import Services
import Store

/// The whole mock as one request handler: the routes of every surface as values, one middleware
/// chain in front of them, and every error rendered in the format of its surface. In-process tests
/// call `handle` directly, without sockets.
public struct MockApplication: Sendable {
    public let store: Store
    public let clock: MockClock
    public let ids: IDGenerator
    /// The fault rules in force (`/__admin/faults`, `serve --fault`).
    public let faults: FaultPlan
    /// The request journal (`/__admin/requests`); nil keeps none.
    public let journal: RequestJournal?
    let router: Router<Route>
    /// Whether the admin API needs `--admin-token` (the document's security says so).
    let adminTokenRequired: Bool
    let middleware: [any Middleware]
    /// The surface of each first path segment the routes use ("client", "accounts", "scim", …).
    private let surfaces: [String: Surface]

    /// - Parameters:
    ///   - startupFixtures: what `/__admin/reset` goes back to (files are read again then).
    ///   - adminToken: when set, the admin API needs `Authorization: Bearer <token>` (its GETs also take the
    ///     dashboard's session cookie), and the dashboard a login with it (or the same bearer header).
    ///   - middleware: steps run in front of every route, before faults, rate limits and authentication.
    ///   - rateLimits: Cloudflare's limits, applied after the faults; none by default.
    ///   - journal: where every request is recorded; `/__admin/reset` empties it, as it clears the faults.
    ///   - eventStreams: the live tails' cap and keep-alive interval.
    public init(
        store: Store, auth: AuthPolicy = AuthPolicy(), clock: MockClock = MockClock(), ids: IDGenerator = IDGenerator(),
        startupFixtures: [FixtureSource] = [], adminToken: String? = nil, middleware: [any Middleware] = [],
        faults: FaultPlan = FaultPlan(), rateLimits: RateLimits = RateLimits(), journal: RequestJournal? = nil,
        eventStreams: EventStreamOptions = EventStreamOptions()
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.faults = faults
        self.journal = journal
        adminTokenRequired = adminToken != nil
        let scim = SCIMService(store: store, clock: clock.now, newID: ids.next)
        let admin = AdminService(store: store, clock: clock, ids: ids, startupFixtures: startupFixtures)
        let afterReset: @Sendable () -> Void = {
            faults.removeAll()
            rateLimits.reset()
            journal?.removeAll()
        }
        let cloudflare = CloudflareService(store: store)
        let dashboard = DashboardService(store: store, cloudflare: cloudflare, scim: scim)
        let sessions = DashboardSessions()
        var served =
            CloudflareRoutes(service: cloudflare).routes + SCIMRoutes(service: scim).routes
            + AdminRoutes(service: admin, afterReset: afterReset).routes + AdminFaultRoutes(plan: faults).routes
            + EventRoutes(store: store, options: eventStreams).routes + DashboardRoutes(service: dashboard).routes
            + DashboardLogin(token: adminToken, sessions: sessions).routes
        if let journal { served += AdminJournalRoutes(journal: journal).routes }
        let routes = served + [OpenAPIRoute.route(describing: served, adminTokenRequired: adminToken != nil)]
        var router = Router<Route>()
        for route in routes { router.add(route.method, route.pattern, route) }
        self.router = router
        let authenticator = SCIMAuthenticator(store: store)
        let limiting: [any Middleware] = rateLimits.isEmpty ? [] : [RateLimiting(limits: rateLimits)]
        self.middleware =
            middleware + [FaultInjection(plan: faults, authenticator: authenticator)] + limiting + [
                CloudflareAuthentication(policy: auth),
                SCIMAuthentication(authenticator: authenticator, service: scim),
                AdminAuthentication(token: adminToken, sessions: sessions),
                DashboardHeaders(),
                DashboardAuthentication(token: adminToken, sessions: sessions),
            ]
        surfaces = Dictionary(
            routes.compactMap { route in Self.firstSegment(route.pattern).map { ($0, route.surface) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// Every route, in the order they were registered.
    public var routes: [Route] { router.routes.map(\.route) }

    /// The document `GET /__admin/openapi.json` serves, of every route.
    public var openAPIDocument: OpenAPIDocument { OpenAPIDocument(routes: routes, adminTokenRequired: adminTokenRequired) }

    /// The loader start-up uses, so fixture ids and timestamps follow this application's generator and clock.
    public var fixtureLoader: FixtureLoader { FixtureLoader(now: clock.now, newID: ids.next) }

    /// A path belongs to the surface of the routes that share its first segment; any other path is
    /// Cloudflare's (whose API answers unknown paths).
    func surface(of path: String) -> Surface {
        Self.firstSegment(path).flatMap { surfaces[$0] } ?? .cloudflare
    }

    private static func firstSegment(_ path: String) -> String? {
        path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init)
    }
}
