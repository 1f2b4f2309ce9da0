import HTTPServer
import SCIM
import Services

/// Cloudflare's rate limits in front of authentication (`serve --rate-limit`, `--scim-rate-limit`).
/// Every v4 answer carries `Ratelimit` and `Ratelimit-Policy`; over the quota the answer is 429 with
/// `retry-after` (whole seconds, rounded up) and the v4 error 971. On the SCIM surface the quota is per
/// secret, and a refusal is a SCIM error with `Retry-After`. Refused requests reach no service.
struct RateLimiting: Middleware {
    let limits: RateLimits

    static let throttleMessage = "Please wait and consider throttling your request speed"

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        switch request.route.surface {
        case .cloudflare where limits.cloudflare != nil || limits.cloudflarePerIP != nil:
            return try cloudflare(request, next)
        case .scim:
            guard let limiter = limits.scim else { return try next(request) }
            let decision = limiter.admit(request.http.headers["Authorization"] ?? "")
            guard decision.allowed else {
                request.notes?.limited(by: "scim secret")
                var response = ErrorResponses.scim(SCIMError(status: 429, detail: "too many requests for this SCIM secret"))
                response.headers.set("Retry-After", String(decision.resetSeconds))
                return response
            }
            return try next(request)
        default:
            return try next(request)
        }
    }

    /// The per-address limit first (it is the finer one), then the per-credential one; the headers
    /// report the credential's window, as Cloudflare's do.
    private func cloudflare(_ request: RouteRequest, _ next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        if let perIP = limits.cloudflarePerIP, let address = request.http.clientAddress {
            let decision = perIP.admit(address)
            if !decision.allowed { return refusal(request, decision, limit: "cloudflare client address") }
        }
        guard let limiter = limits.cloudflare else { return try next(request) }
        let decision = limiter.admit(Self.credential(request.http.headers))
        guard decision.allowed else { return refusal(request, decision, limit: "cloudflare credential") }
        var response: HTTPResponse
        do {
            response = try next(request)
        } catch {
            response = ErrorResponses.v4(error)
        }
        Self.describe(decision, in: &response)
        return response
    }

    private func refusal(_ request: RouteRequest, _ decision: RateLimitDecision, limit: String) -> HTTPResponse {
        request.notes?.limited(by: limit)
        var response = ErrorResponses.v4(CloudflareError(status: 429, code: 971, message: Self.throttleMessage))
        Self.describe(decision, in: &response)
        response.headers.set("retry-after", String(decision.resetSeconds))
        return response
    }

    /// `Ratelimit: "default";r=<remaining>;t=<seconds to reset>` and `Ratelimit-Policy: "default";q=<quota>;w=<window>`.
    static func describe(_ decision: RateLimitDecision, in response: inout HTTPResponse) {
        response.headers.set("Ratelimit", "\"default\";r=\(decision.remaining);t=\(decision.resetSeconds)")
        response.headers.set("Ratelimit-Policy", "\"default\";q=\(decision.policy.quota);w=\(decision.policy.windowSeconds)")
    }

    /// The credential a request is counted against: its token, or its key and e-mail.
    static func credential(_ headers: HTTPHeaders) -> String {
        if let authorization = headers["Authorization"] { return authorization }
        return "key:\(headers["X-Auth-Key"] ?? "")|\(headers["X-Auth-Email"] ?? "")"
    }
}
