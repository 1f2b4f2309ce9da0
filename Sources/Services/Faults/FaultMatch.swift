/// What a rule matches on. Every condition that is set must hold; a rule without any matches every
/// request that reaches a route of the emulated APIs, and the admin API or the dashboard only when it
/// names that surface.
public struct FaultMatch: Sendable, Equatable {
    /// "cloudflare", "scim", "admin" or "dashboard".
    public var surface: String?
    /// Upper-case.
    public var method: String?
    /// The route's pattern as the router names it ("/accounts/{account_id}/access/logs/scim/updates"),
    /// and its method when the rule named one ("GET /accounts/…").
    public var routePattern: String?
    public var routeMethod: String?
    public var pathPrefix: String?
    public var account: String?
    public var idp: String?
    public var header: FaultNameValue?
    public var query: FaultNameValue?

    public init() {}

    /// The mock's own surfaces: a rule that doesn't name them leaves them alone, so a match-everything
    /// rule can't lock a test out of the admin API or break the dashboard it is watching.
    static let reachedOnlyByName: Set<String> = ["admin", "dashboard"]

    /// Whether a request with these facts matches; the account and IdP are asked for only when the
    /// rule names them (on the SCIM surface they may cost a secret lookup).
    func matches<Facts: FaultRequestFacts>(_ facts: Facts) -> Bool {
        if let surface {
            if surface != facts.surface { return false }
        } else if Self.reachedOnlyByName.contains(facts.surface) {
            return false
        }
        if let method, method != facts.method { return false }
        if let routePattern, !facts.routeIsNamed(routePattern) { return false }
        if let routeMethod, routeMethod != facts.method { return false }
        if let pathPrefix, !facts.path.hasPrefix(pathPrefix) { return false }
        if let header, facts.header(header.name) != header.value { return false }
        if let query, !facts.query(query.name).contains(query.value) { return false }
        if let account, account != facts.account() { return false }
        if let idp, idp != facts.idp() { return false }
        return true
    }
}
