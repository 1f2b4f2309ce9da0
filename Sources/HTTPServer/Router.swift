/// Maps method + path to a route using patterns such as
/// "/accounts/{account_id}/access/identity_providers/{idp_id}/scim/users".
///
/// Kept separate from the server so routing is testable without sockets. A route is whatever value
/// the application registers (its handler and description); the router only matches, lists its
/// routes, and names the pattern a request matched.
/// Rules: `{name}` captures one non-empty segment; one trailing slash is
/// ignored on both patterns and paths; when several patterns match, the one
/// with a literal at the first differing segment wins (so "/users/me" beats
/// "/users/{id}"); ties go to the route added first.
public struct Router<Route: Sendable>: Sendable {
    public enum Match: Sendable {
        /// `pattern` is the pattern as registered, e.g. "/scim/v2/Groups/{id}".
        case found(Route, PathParameters, pattern: String)
        /// The path exists but not for this method; `allowed` is sorted.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private var table = PatternTable()
    private var payloads: [Route] = []

    public init() {}

    /// Registers `route` for `method` (compared exactly, e.g. "GET") and `pattern`.
    public mutating func add(_ method: String, _ pattern: String, _ route: Route) {
        table.add(method, pattern)
        payloads.append(route)
    }

    /// Every registered route in registration order, with its method and pattern.
    public var routes: [(method: String, pattern: String, route: Route)] {
        zip(table.patterns, payloads).map { ($0.method, $0.pattern, $1) }
    }

    /// Finds the route for a request. HEAD falls back to GET routes because the transport strips
    /// HEAD bodies anyway.
    public func match(method: String, path: String) -> Match {
        switch table.match(method: method, path: path) {
        case .found(let index, let parameters, let pattern): .found(payloads[index], parameters, pattern: pattern)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
        case .notFound: .notFound
        }
    }
}
