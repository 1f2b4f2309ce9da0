import HTTPServer
import JSON
import SCIM
import Services

/// The inbound SCIM 2.0 endpoint IdPs provision into, at `/scim/v2` (the secret names the IdP) and
/// at Cloudflare's per-IdP `/populations/{idp_id}/scim/v2`. Authentication is middleware
/// (`SCIMAuthentication`); the handlers adapt HTTP to `SCIMService` and back.
struct SCIMRoutes: Sendable {
    let service: SCIMService

    static let bases = ["/scim/v2", "/populations/{idp_id}/scim/v2"]

    var routes: [Route] {
        Self.bases.flatMap { base in
            let common = base.contains("{idp_id}") ? [Self.idpInPath] : []
            return [SCIMResourceKind.user, .group].flatMap { resourceRoutes($0, base, common) }
                + searchAndDiscoveryRoutes(base, common)
        }
    }

    /// The SCIM write a route performs, for logging one refused before it reached the service.
    static func write(of route: Route) -> (method: UpdateLog.Method, kind: SCIMResourceKind)? {
        guard let method = UpdateLog.Method(rawValue: route.method) else { return nil }
        for kind in [SCIMResourceKind.user, .group] {
            let collection = "/\(kind.endpoint)"
            if route.pattern.hasSuffix(collection) || route.pattern.hasSuffix(collection + "/{id}") { return (method, kind) }
        }
        return nil
    }

    private func resourceRoutes(_ kind: SCIMResourceKind, _ base: String, _ common: [RouteParameter]) -> [Route] {
        let collection = "\(base)/\(kind.endpoint)"
        let item = collection + "/{id}"
        let name = kind.schema.name
        let input = "\(name) input"
        let id = [RouteParameter("id", in: .path, "The resource id")]
        func route(
            _ method: String, _ pattern: String, _ summary: String, _ parameters: [RouteParameter],
            _ responses: [RouteResponse], request: String? = nil, _ handler: @escaping Route.Handler
        ) -> Route {
            Route(
                method, pattern, surface: .scim, summary: summary, parameters: common + parameters, requestBody: request,
                responses: responses + Self.errorResponses + Self.writeResponses(method, body: request != nil),
                answersOversizeBody: true, handler: handler)
        }
        return [
            route("GET", collection, "List or filter \(name)s", Self.listParameters, [Self.list]) { r in
                try list([kind], r, try Self.listQuery(r.parameters))
            },
            route("POST", collection, "Create a \(name)", Self.projection, [.init(201, "Created", body: name)], request: input) {
                r in
                SCIMResponses.write(try service.create(kind, try r.scimContext(), try Self.writeInput(r)))
            },
            route("POST", collection + "/.search", "Search \(name)s", [], [Self.list], request: "SearchRequest") { r in
                try list([kind], r, try SCIMListQuery(search: try Self.body(r).object()))
            },
            route(
                "GET", item, "Read a \(name)", id + Self.projection + [Self.ifNoneMatch],
                [.init(200, "The resource", body: name), .init(304, "Not modified")]
            ) { r in
                let projection = try Self.projection(r.parameters)
                return SCIMResponses.read(
                    try service.get(
                        kind, id: try r.parameters.path("id"), try r.scimContext(),
                        projection: projection, ifNoneMatch: r.http.headers["If-None-Match"]))
            },
            route(
                "PUT", item, "Replace a \(name)", id + Self.projection + [Self.ifMatch], [.init(200, "Replaced", body: name)],
                request: input
            ) { r in
                SCIMResponses.write(
                    try service.replace(
                        kind, id: try r.parameters.path("id"), try r.scimContext(),
                        try Self.writeInput(r)))
            },
            route(
                "PATCH", item, "Modify a \(name) (PatchOp)", id + Self.projection + [Self.ifMatch],
                [.init(200, "Modified", body: name)], request: "PatchOp"
            ) { r in
                SCIMResponses.write(
                    try service.patch(
                        kind, id: try r.parameters.path("id"), try r.scimContext(),
                        try Self.writeInput(r)))
            },
            route("DELETE", item, "Delete a \(name)", id + [Self.ifMatch], [.init(204, "Deleted")]) { r in
                SCIMResponses.write(
                    try service.delete(
                        kind, id: try r.parameters.path("id"), try r.scimContext(),
                        try Self.writeInput(r)))
            },
        ]
    }

    func list(_ kinds: [SCIMResourceKind], _ request: RouteRequest, _ query: SCIMListQuery) throws -> HTTPResponse {
        HTTPResponse.json(
            200, try service.list(kinds, try request.scimContext(), query).json(), contentType: SCIMResponses.contentType)
    }

    static func body(_ request: RouteRequest) -> SCIMBody {
        SCIMBody(
            bytes: request.http.body, contentType: request.http.headers["Content-Type"],
            exceededLimit: request.http.bodyLimitExceeded)
    }

    private static func writeInput(_ request: RouteRequest) throws -> SCIMWriteInput {
        let projection = request.route.parameter("attributes") == nil ? Projection() : try projection(request.parameters)
        return SCIMWriteInput(body: body(request), projection: projection, ifMatch: request.http.headers["If-Match"])
    }

    static func projection(_ q: ParameterReader) throws -> Projection {
        Projection(attributes: try q.first("attributes"), excludedAttributes: try q.first("excludedAttributes"))
    }

    private static func listQuery(_ q: ParameterReader) throws -> SCIMListQuery {
        try SCIMListQuery(
            filter: try q.first("filter"), startIndex: try q.first("startIndex"), count: try q.first("count"),
            sortBy: try q.first("sortBy"), sortOrder: try q.first("sortOrder"), projection: try projection(q))
    }
}
