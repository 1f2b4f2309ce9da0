import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct RateLimitingTests {
    let app: MockApplication
    let clock = MockClock(frozenAt: MockClock.deterministicStart)
    let logsPath = "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)"

    init() throws {
        let clock = self.clock
        let now: @Sendable () -> Timestamp = { clock.now() }
        app = MockApplication(
            store: try makeStore(), clock: clock,
            rateLimits: RateLimits(
                cloudflare: RateLimiter(policy: RateLimitPolicy(quota: 3, windowSeconds: 300), now: now),
                cloudflarePerIP: RateLimiter(policy: RateLimitPolicy(quota: 2, windowSeconds: 1), now: now),
                scim: RateLimiter(policy: RateLimitPolicy(quota: 1, windowSeconds: 60), now: now)),
            journal: RequestJournal())
    }

    private func get(_ target: String, token: String = "t", address: String? = nil) -> HTTPResponse {
        var request = HTTPRequest(method: "GET", target: target, headers: HTTPHeaders([("Authorization", "Bearer \(token)")]))
        request.clientAddress = address
        return app.handle(request)
    }

    @Test func everyV4AnswerCarriesTheHeadersAndTheQuotaEndsIn971() throws {
        let first = get(logsPath)
        #expect(first.status == 200 && first.headers["Ratelimit"] == "\"default\";r=2;t=300")
        #expect(first.headers["Ratelimit-Policy"] == "\"default\";q=3;w=300")
        let error = get("/client/v4/accounts/\(account)/access/logs/scim/updates")
        #expect(error.status == 400 && error.headers["Ratelimit"] == "\"default\";r=1;t=300")
        _ = clock.freeze(advancedBy: 100_500_000)
        #expect(get(logsPath).status == 200)
        let refused = get(logsPath)
        #expect(refused.status == 429 && refused.headers["retry-after"] == "200")
        #expect(refused.headers["Ratelimit"] == "\"default\";r=0;t=200")
        let body = try #require(JSONReader.parse(refused.body).objectValue)
        #expect(body.firstError?.int("code") == 971)
        #expect(body.firstError?.string("message") == "Please wait and consider throttling your request speed")
        #expect(get(logsPath, token: "other").status == 200)
        _ = clock.freeze(advancedBy: 200_000_000)
        #expect(get(logsPath).status == 200)
    }

    @Test func thePerAddressLimitComesFirst() {
        #expect(get(logsPath, address: "10.0.0.1").status == 200)
        #expect(get(logsPath, token: "b", address: "10.0.0.1").status == 200)
        let refused = get(logsPath, token: "c", address: "10.0.0.1")
        #expect(refused.status == 429 && refused.headers["retry-after"] == "1")
        #expect(get(logsPath, token: "c", address: "10.0.0.2").status == 200)
    }

    @Test func theSCIMSurfaceIsLimitedPerSecretWithASCIMError() throws {
        #expect(try scim(app, "GET", "/scim/v2/Users").status == 200)
        let refused = try scim(app, "GET", "/scim/v2/Users")
        #expect(refused.status == 429 && refused.headers["Retry-After"] == "60")
        #expect(refused.json["schemas"] == .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")]))
        #expect(refused.headers["Ratelimit"] == nil)
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "entra-scim-secret").status == 200)
        let noted = app.handle(HTTPRequest(method: "GET", target: "/__admin/requests?status=429"))
        #expect(String(decoding: noted.body, as: UTF8.self).contains("\"rate_limit\":\"scim secret\""))
    }

    @Test func theAdminAPIIsNotLimitedAndAResetRefills() throws {
        for _ in 0..<5 { #expect(app.handle(HTTPRequest(method: "GET", target: "/__admin/health")).headers["Ratelimit"] == nil) }
        for _ in 0..<3 { _ = get(logsPath) }
        #expect(get(logsPath).status == 429)
        #expect(app.handle(HTTPRequest(method: "POST", target: "/__admin/reset")).status == 200)
        #expect(get(logsPath).status == 200)
    }
}
