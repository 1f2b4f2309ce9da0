import HTTPServer
import Services

/// A request as routes and middleware see it: the HTTP request, the route it matched, its path
/// captures, and what middleware learned (the SCIM tenant).
public struct RouteRequest: Sendable {
    public var http: HTTPRequest
    public let route: Route
    public let pathParameters: PathParameters
    /// Set by the SCIM authentication middleware on SCIM routes.
    public var scim: SCIMContext?
    /// Where middleware notes a fault or a limit for the journal; nil when no journal is kept.
    public var notes: RequestNotes?

    /// The declared parameters, read and checked against the route's declaration.
    public var parameters: ParameterReader { ParameterReader(route: route, query: http.query, path: pathParameters) }

    /// The SCIM context, which the SCIM authentication middleware always sets on SCIM routes.
    func scimContext() throws -> SCIMContext {
        guard let scim else { throw RouteError.internal("\(route.name) ran without SCIM authentication") }
        return scim
    }
}
