import HTTPServer
import SCIM
import Store
import Synchronization

/// `GET /__ui/logs/events`: the update logs as Server-Sent Events, for the dashboard's logs page and
/// `scim-mock tail`. It takes the v4 list's filters by the same names (page, per_page and direction do
/// not apply to a stream), resumes after `Last-Event-ID`, and admits at most `maxStreams` at once.
final class EventRoutes: Sendable {
    let store: Store
    let options: EventStreamOptions
    private let open = Mutex(0)

    init(store: Store, options: EventStreamOptions) {
        self.store = store
        self.options = options
    }

    static let path = "/__ui/logs/events"

    static let parameters: [RouteParameter] =
        [
            RouteParameter("account_id", .string(maxLength: 32), "Only this account's logs (default: every account)"),
            RouteParameter("idp_id", "Identity provider ids (default: every IdP of the account)", repeatable: true),
        ] + CloudflareRoutes.logFilterParameters + [
            RouteParameter(
                "last_event_id", .integer(min: 0, max: Int.max),
                "Resume after this log id (for clients that cannot send Last-Event-ID)"),
            RouteParameter(
                "Last-Event-ID", in: .header, .integer(min: 0, max: Int.max),
                "Resume after this log id (what a reconnecting EventSource sends); wins over last_event_id"),
        ]

    var routes: [Route] {
        [
            Route(
                "GET", Self.path, surface: .dashboard,
                summary: "Live tail of SCIM update logs (text/event-stream; never ends while the server runs)",
                parameters: Self.parameters,
                responses: [
                    RouteResponse(
                        200, "A stream: retry, then a `log` event per new matching log, `reload` after a reset",
                        body: "EventStream"),
                    RouteResponse(400, "A parameter with a bad value", body: "DashboardError"),
                    DashboardRoutes.loginFirst,
                    RouteResponse(503, "Too many live tails open (serve --max-live-tails)", body: "DashboardError"),
                ], handler: events)
        ]
    }

    private func events(_ request: RouteRequest) throws -> HTTPResponse {
        let q = request.parameters
        let window = PageWindow(page: 1, perPage: 1)
        var query = LogQuery(accountID: try q.string("account_id"), idpIDs: try q.strings("idp_id"), window: window)
        try CloudflareRoutes.logFilters(q, into: &query)
        let after = try Self.lastEventID(request) ?? q.int("last_event_id").map(Int64.init)
        guard admit() else {
            throw DashboardError(
                status: 503,
                message: "\(options.maxStreams) live tails are open, the most this server allows (serve --max-live-tails); "
                    + "close one, or read /__ui/logs/events again later")
        }
        let stream = ResponseStream(heartbeat: EventFrame.keepAlive, heartbeatInterval: options.keepAliveInterval)
        do {
            try LogEventStream(store: store, query: query, stream: stream).start(after: after)
        } catch {
            release()
            throw error
        }
        stream.onClose { self.release() }
        var headers = HTTPHeaders([("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")])
        headers.set("X-Content-Type-Options", "nosniff")
        return .streaming(headers: headers, stream)
    }

    private func admit() -> Bool {
        open.withLock { count in
            guard count < options.maxStreams else { return false }
            count += 1
            return true
        }
    }

    private func release() { open.withLock { $0 -= 1 } }

    /// The `Last-Event-ID` header, checked as its declaration says (headers are not read by `ParameterReader`).
    private static func lastEventID(_ request: RouteRequest) throws(RouteError) -> Int64? {
        guard let text = request.http.headers["Last-Event-ID"] else { return nil }
        guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id >= 0 else {
            throw .invalidParameter(
                name: "Last-Event-ID", reason: "must be a log id (an integer from 0), got \"\(text.prefix(64))\"")
        }
        return id
    }
}
