import HTTPServer
import SCIM
import Services
import Store

/// Cloudflare's credential check (`AuthPolicy`) in front of the v4 routes.
struct CloudflareAuthentication: Middleware {
    let policy: AuthPolicy

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        if request.route.surface == .cloudflare { try policy.check(request.http.headers) }
        return try next(request)
    }
}

/// `Authorization: Bearer <--admin-token>` in front of the admin API, when a token is set. A GET also
/// passes with the dashboard's session cookie, so the dashboard's links to the request journal and the
/// OpenAPI document open in the browser that logged in; a write never does (the bearer token only).
struct AdminAuthentication: Middleware {
    let token: String?
    let sessions: DashboardSessions

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.route.surface == .admin, let token else { return try next(request) }
        let headers = request.http.headers
        if let authorization = headers["Authorization"] {
            guard DashboardLogin.same(authorization, "Bearer \(token)") else { throw Self.refusal }
            return try next(request)
        }
        if request.http.method == "GET", let session = DashboardSessions.id(in: headers["Cookie"]), sessions.isOpen(session) {
            return try next(request)
        }
        throw Self.refusal
    }

    static let refusal = AdminError(
        status: 401,
        message: "the admin API needs Authorization: Bearer <--admin-token> (a GET also takes the dashboard's login cookie)")
}

/// The SCIM secret names the tenant; the SCIM routes get it as `RouteRequest.scim`. A write refused
/// for its secret on `/populations/{idp_id}` is still logged against that IdP, as Cloudflare shows it.
struct SCIMAuthentication: Middleware {
    let authenticator: SCIMAuthenticator
    let service: SCIMService

    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.route.surface == .scim else { return try next(request) }
        let idpInPath = request.pathParameters["idp_id"]
        let tenant: SCIMTenant
        do {
            tenant = try authenticator.authenticate(authorization: request.http.headers["Authorization"], idpInPath: idpInPath)
        } catch let failure as SCIMError where failure.status == 401 {
            if let idpInPath, let write = SCIMRoutes.write(of: request.route) {
                try service.logRefusedWrite(
                    write.method, write.kind, id: request.pathParameters["id"], body: request.http.body,
                    idpID: idpInPath, failure: failure)
            }
            throw failure
        }
        var authenticated = request
        authenticated.scim = SCIMContext(tenant: tenant, baseURL: Self.baseURL(request.http, idpInPath: idpInPath))
        return try next(authenticated)
    }

    /// The base URL of the request: `http://HOST/scim/v2` or `http://HOST/populations/ID/scim/v2`.
    static func baseURL(_ request: HTTPRequest, idpInPath: String?) -> String {
        let host = request.headers["Host"] ?? "127.0.0.1"
        if let idpInPath { return "http://\(host)/populations/\(idpInPath)/scim/v2" }
        return "http://\(host)/scim/v2"
    }
}
