import HTTPServer
import SCIM
import Services
import Store

/// Applies the fault rules (`FaultPlan`) in front of authentication. An answer or a closed connection
/// replaces the route, so the service never sees the request and a SCIM write leaves no update log; a
/// delay or a truncated body wraps the real answer, so the request is served (and a write logged) as usual.
/// The admin API is reached only by rules that name `"surface": "admin"`, and never its fault and reset
/// routes, so a rule can always be removed.
struct FaultInjection: Middleware {
    let plan: FaultPlan
    let authenticator: SCIMAuthenticator

    /// Admin routes no rule applies to.
    static let protectedRoutes = [AdminFaultRoutes.path, AdminRoutes.prefix + "/reset"]

    /// Protected routes are admin routes, so the other surfaces' requests skip the string comparisons.
    static func isProtected(_ route: Route) -> Bool {
        route.surface == .admin && protectedRoutes.contains(where: route.pattern.hasPrefix)
    }

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard !plan.isEmpty, !Self.isProtected(request.route),
            let decision = plan.decide(FaultFacts(request: request, authenticator: authenticator))
        else {
            return try next(request)
        }
        request.notes?.fault(rule: decision.ruleID, action: decision.action.kind)
        let surface = request.route.surface
        switch decision.action {
        case .respond(let answer):
            return Self.response(answer, rule: decision.ruleID, surface: surface)
        case .close(let milliseconds):
            return .dropConnection(after: milliseconds > 0 ? .milliseconds(milliseconds) : nil)
        case .delay:
            var response = Self.served(request, surface, next)
            let added = Duration.microseconds(Int64(((decision.latencyMilliseconds ?? 0) * 1000).rounded()))
            response.delay = (response.delay ?? .zero) + added
            return response
        case .truncate(let bytes):
            var response = Self.served(request, surface, next)
            response.truncatedAfter = bytes
            return response
        }
    }

    /// The real answer, with a thrown error rendered here so the fault still applies to it.
    private static func served(
        _ request: RouteRequest, _ surface: Surface, _ next: (RouteRequest) throws -> HTTPResponse
    ) -> HTTPResponse {
        do {
            return try next(request)
        } catch {
            return ErrorResponses.render(error, for: surface)
        }
    }

    /// The injected answer: its body as given, or the surface's error format; then the rule's headers.
    static func response(_ answer: FaultAnswer, rule: String, surface: Surface) -> HTTPResponse {
        var response: HTTPResponse
        if let body = answer.body {
            response = HTTPResponse(
                status: answer.status, headers: HTTPHeaders([("Content-Type", answer.contentType)]), body: body)
        } else {
            response = ErrorResponses.render(error(answer, rule: rule, surface: surface), for: surface)
        }
        for header in answer.headers { response.headers.set(header.name, header.value) }
        return response
    }

    private static func error(_ answer: FaultAnswer, rule: String, surface: Surface) -> any Error {
        let message = answer.message ?? "fault injected by scim-mock rule \(rule)"
        switch surface {
        case .cloudflare:
            if answer.status == 429, answer.message == nil {
                return CloudflareError(status: 429, code: answer.code ?? 971, message: RateLimiting.throttleMessage)
            }
            return CloudflareError(status: answer.status, code: answer.code ?? 1000, message: message)
        case .scim: return SCIMError(status: answer.status, detail: message)
        case .admin: return AdminError(status: answer.status, message: message)
        case .dashboard: return DashboardError(status: answer.status, message: message)
        }
    }
}
