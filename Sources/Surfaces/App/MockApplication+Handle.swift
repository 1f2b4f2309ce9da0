import HTTPServer
import SCIM
import Services

extension MockApplication {
    /// Answers every request, including those the transport refused (run it with
    /// `passesRejectedRequests`). A refused head (400, 414, 431, 501) is answered in the surface's own
    /// error format and goes no further: it never reaches a service, so it leaves no update log. A
    /// body over the limit is 413 in the same way, except for routes that answer it themselves (a SCIM
    /// write logs it as a FAILURE like any other failed write).
    ///
    /// With a journal, every answer is recorded there (the journal's own routes excepted).
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let journal else { return answer(request, notes: nil).response }
        let started = ContinuousClock.now
        let arrived = clock.now()
        let notes = RequestNotes()
        let (response, route) = answer(request, notes: notes)
        if RequestJournal.records(route) {
            let elapsed = started.duration(to: .now).components
            journal.record(
                request, surface: route?.surface ?? surface(of: request.path), routePattern: route?.pattern,
                response: response, notes: notes.current, time: arrived,
                microseconds: elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
        }
        return response
    }

    /// The answer, and the route that gave it when one matched.
    private func answer(_ request: HTTPRequest, notes: RequestNotes?) -> (response: HTTPResponse, route: Route?) {
        let surface = surface(of: request.path)
        if let rejection = request.rejection {
            return (ErrorResponses.render(Self.rejectionError(rejection, surface), for: surface), nil)
        }
        let match = router.match(method: request.method, path: request.path)
        if let limit = request.bodyLimitExceeded, !Self.answersOversizeBody(match, surface) {
            return (ErrorResponses.render(Self.oversize(limit, surface), for: surface), nil)
        }
        switch match {
        case .found(let route, let parameters, _):
            do {
                var routed = RouteRequest(http: request, route: route, pathParameters: parameters)
                routed.notes = notes
                return (try middleware.run(routed) { try $0.route.handler($0) }, route)
            } catch {
                return (ErrorResponses.render(error, for: route.surface), route)
            }
        case .methodNotAllowed(let allowed):
            var response = ErrorResponses.render(Self.methodNotAllowed(request.method, allowed, surface), for: surface)
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return (response, nil)
        case .notFound:
            return (ErrorResponses.render(Self.notFound(request.path, surface), for: surface), nil)
        }
    }

    /// Whether what answers the request reads an over-limit body itself: the matched route says; with
    /// no route, the SCIM surface answers 404/405 as for any other body.
    private static func answersOversizeBody(_ match: Router<Route>.Match, _ surface: Surface) -> Bool {
        if case .found(let route, _, _) = match { return route.answersOversizeBody }
        return surface == .scim
    }

    private static func rejectionError(_ rejection: HTTPRequest.Rejection, _ surface: Surface) -> any Error {
        switch surface {
        case .scim: SCIMError(status: rejection.status, detail: rejection.reason)
        case .admin: AdminError(status: rejection.status, message: rejection.reason)
        case .cloudflare: CloudflareError(status: rejection.status, code: 1001, message: rejection.reason)
        case .dashboard: DashboardError(status: rejection.status, message: rejection.reason)
        }
    }

    private static func oversize(_ limit: Int, _ surface: Surface) -> any Error {
        let message = "the request body exceeds \(limit) bytes (serve --max-body-bytes)"
        return switch surface {
        case .admin: AdminError(status: 413, message: message)
        case .dashboard: DashboardError(status: 413, message: message)
        case .cloudflare, .scim: CloudflareError(status: 413, code: 1001, message: message)
        }
    }

    private static func methodNotAllowed(_ method: String, _ allowed: [String], _ surface: Surface) -> any Error {
        let message = "\(method) is not allowed here (allowed: \(allowed.joined(separator: ", ")))"
        return switch surface {
        case .scim: SCIMError(status: 405, detail: message)
        case .admin: AdminError(status: 405, message: message)
        case .dashboard: DashboardError(status: 405, message: message)
        case .cloudflare: CloudflareError.methodNotAllowed(method, allowed: allowed)
        }
    }

    private static func notFound(_ path: String, _ surface: Surface) -> any Error {
        switch surface {
        case .scim: SCIMError.notFound("no SCIM endpoint at \(path)")
        case .admin: AdminError(status: 404, message: "no admin endpoint at \(path)")
        case .dashboard: DashboardError(status: 404, message: "no dashboard page at \(path)")
        case .cloudflare: MisroutedPath.hint(for: path).map(CloudflareError.noRoute(hint:)) ?? CloudflareError.noRoute
        }
    }
}
