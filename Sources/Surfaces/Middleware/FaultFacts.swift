import Services
import Store

/// A routed request as fault rules see it. The account and IdP come from the path (or the logs
/// route's `idp_id`); on SCIM paths without one, from the secret, looked up only when a rule asks.
struct FaultFacts: FaultRequestFacts {
    let request: RouteRequest
    let authenticator: SCIMAuthenticator

    var surface: String { request.route.surface.rawValue }
    var method: String { request.http.method }
    func routeIsNamed(_ pattern: String) -> Bool { RoutePatternMatch.names(pattern, request.route.pattern) }
    var path: String { request.http.path }
    func header(_ name: String) -> String? { request.http.headers[name] }
    func query(_ name: String) -> [String] { request.http.query.values(name) }

    func account() -> String? { request.pathParameters["account_id"] ?? tenant()?.idp.accountID }

    func idp() -> String? {
        request.pathParameters["identity_provider_id"] ?? request.pathParameters["idp_id"]
            ?? request.http.query.values("idp_id").first ?? tenant()?.idp.id
    }

    private func tenant() -> SCIMTenant? {
        guard request.route.surface == .scim else { return nil }
        return try? authenticator.authenticate(authorization: request.http.headers["Authorization"], idpInPath: nil)
    }
}
