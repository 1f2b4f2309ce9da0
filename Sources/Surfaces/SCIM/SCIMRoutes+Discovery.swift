import HTTPServer
import JSON
import SCIM
import Services

/// The service-root search and the discovery endpoints (RFC 7644 §3.4.3, §4), and the declared
/// parameters of the SCIM routes.
extension SCIMRoutes {
    func searchAndDiscoveryRoutes(_ base: String, _ common: [RouteParameter]) -> [Route] {
        func route(
            _ method: String, _ path: String, _ summary: String, _ parameters: [RouteParameter] = [],
            _ body: String, request: String? = nil, _ handler: @escaping Route.Handler
        ) -> Route {
            Route(
                method, base + path, surface: .scim, summary: summary, parameters: common + parameters, requestBody: request,
                responses: [RouteResponse(200, summary, body: body)] + Self.errorResponses
                    + Self.writeResponses(method, body: request != nil),
                answersOversizeBody: true, handler: handler)
        }
        let bulk = Route(
            "POST", base + "/Bulk", surface: .scim, summary: "Bulk operations (not supported)",
            parameters: common, requestBody: "BulkRequest",
            responses: [RouteResponse(501, "Bulk is not supported", body: "Error")]
                + Self.errorResponses + Self.writeResponses("POST", body: true), answersOversizeBody: true
        ) { _ in
            throw SCIMError(
                status: 501,
                detail: "bulk operations are not supported (ServiceProviderConfig: bulk.supported is false); "
                    + "send each operation as its own request")
        }
        return [
            bulk,
            route("POST", "/.search", "Search Users and Groups", [], "ListResponse", request: "SearchRequest") { r in
                try list([.user, .group], r, try SCIMListQuery(search: try Self.body(r).object()))
            },
            route("GET", "/ServiceProviderConfig", "The service provider configuration", [], "ServiceProviderConfig") { r in
                SCIMResponses.json(200, SCIMDiscovery.serviceProviderConfig(baseURL: try r.scimContext().baseURL))
            },
            route("GET", "/ResourceTypes", "The resource types", [], "ListResponse") { r in
                let types = SCIMDiscovery.resourceTypes(baseURL: try r.scimContext().baseURL)
                return SCIMResponses.json(200, SCIMDiscovery.listResponse(types, total: types.count, startIndex: 1))
            },
            route("GET", "/ResourceTypes/{id}", "One resource type", [Self.discoveryID], "ResourceType") { r in
                let id = try r.parameters.path("id")
                let types = SCIMDiscovery.resourceTypes(baseURL: try r.scimContext().baseURL)
                guard let type = types.first(where: { $0["id"]?.stringValue == id }) else {
                    throw SCIMError.notFound("resource type \(id) not found (known: User, Group)")
                }
                return SCIMResponses.json(200, type)
            },
            route("GET", "/Schemas", "The schemas", [], "ListResponse") { r in
                let baseURL = try r.scimContext().baseURL
                let schemas = SCIMDiscovery.schemas.map { SCIMDiscovery.schema($0, baseURL: baseURL) }
                return SCIMResponses.json(200, SCIMDiscovery.listResponse(schemas, total: schemas.count, startIndex: 1))
            },
            route("GET", "/Schemas/{id}", "One schema", [Self.discoveryID], "Schema") { r in
                let id = try r.parameters.path("id")
                guard let schema = SCIMDiscovery.schemas.first(where: { $0.id == id }) else {
                    throw SCIMError.notFound("schema \(id) not found")
                }
                return SCIMResponses.json(200, SCIMDiscovery.schema(schema, baseURL: try r.scimContext().baseURL))
            },
        ]
    }

    static let idpInPath = RouteParameter("idp_id", in: .path, "The identity provider the SCIM secret must belong to")
    static let discoveryID = RouteParameter("id", in: .path, "The resource type or schema id")
    static let ifMatch = RouteParameter("If-Match", in: .header, "Apply only at this version (ETag)")
    static let ifNoneMatch = RouteParameter("If-None-Match", in: .header, "304 when the version (ETag) is this one")

    static let projection: [RouteParameter] = [
        RouteParameter("attributes", "Return only these attributes (comma-separated)"),
        RouteParameter("excludedAttributes", "Return all but these attributes (comma-separated)"),
    ]

    /// RFC 7644 §3.4.2; the integers are checked by `SCIMListQuery`, whose messages say how out-of-range
    /// values read.
    static let listParameters: [RouteParameter] =
        [
            RouteParameter("filter", "A filter expression (RFC 7644 §3.4.2.2)"),
            RouteParameter(
                "startIndex", .integer(min: -SCIMListQuery.maxInteger, max: SCIMListQuery.maxInteger),
                "1-based index of the first result (below 1 reads as 1)"),
            RouteParameter(
                "count", .integer(min: -SCIMListQuery.maxInteger, max: SCIMListQuery.maxInteger),
                "Results per page (below 0 reads as 0, above \(SCIMDiscovery.maxResults) as \(SCIMDiscovery.maxResults))"),
            RouteParameter("sortBy", "The attribute to sort by"),
            RouteParameter("sortOrder", .enumeration(["ascending", "descending"]), "ascending (default) or descending"),
        ] + projection

    static let list = RouteResponse(200, "A page of results", body: "ListResponse")

    /// What a write or a body can add to `errorResponses`: a version conflict (If-Match), a duplicate,
    /// a body too large or not JSON.
    static func writeResponses(_ method: String, body: Bool) -> [RouteResponse] {
        let write = ["POST", "PUT", "PATCH", "DELETE"].contains(method)
        let conflict = write ? [RouteResponse(409, "A userName or displayName already taken", body: "Error")] : []
        let version =
            ["PUT", "PATCH", "DELETE"].contains(method)
            ? [RouteResponse(412, "If-Match names another version", body: "Error")] : []
        let bodies =
            body || write
            ? [
                RouteResponse(413, "The body exceeds serve --max-body-bytes", body: "Error"),
                RouteResponse(415, "The body is not JSON (Content-Type)", body: "Error"),
            ] : []
        return conflict + version + bodies
    }

    static let errorResponses: [RouteResponse] = [
        RouteResponse(400, "Bad request (scimType names the cause)", body: "Error"),
        RouteResponse(401, "Missing or wrong SCIM secret", body: "Error"),
        RouteResponse(404, "No such resource", body: "Error"),
    ]
}
