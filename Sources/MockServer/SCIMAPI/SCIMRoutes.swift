import HTTPServer
import SCIM

/// The inbound SCIM 2.0 endpoint IdPs provision into, at `/scim/v2` (the secret names the IdP) and
/// at Cloudflare's per-IdP `/populations/{idp_id}/scim/v2`.
struct SCIMRoutes: Sendable {
    let service: SCIMService
    let authenticator: SCIMAuthenticator

    static let bases = ["/scim/v2", "/populations/{idp_id}/scim/v2"]

    func register(in router: inout Router) {
        for base in Self.bases {
            for kind in [SCIMResourceKind.user, .group] {
                let collection = "\(base)/\(kind.endpoint)"
                router.add("GET", collection, respond { r, c in try service.list([kind], c, try SCIMListQuery(query: r.query)) })
                router.add("POST", collection, respond { r, c in try service.create(kind, c, r, projection: projection(r)) })
                router.add("POST", collection + "/.search", respond { r, c in
                    try service.list([kind], c, try SCIMListQuery(search: try SCIMService.parseBody(r)))
                })
                let item = collection + "/{id}"
                router.add("GET", item, respond { r, c, id in
                    try service.get(kind, id: id, c, projection: projection(r), ifNoneMatch: r.headers["If-None-Match"])
                })
                router.add("PUT", item, respond { r, c, id in try service.replace(kind, id: id, c, r, projection: projection(r)) })
                router.add("PATCH", item, respond { r, c, id in try service.patch(kind, id: id, c, r, projection: projection(r)) })
                router.add("DELETE", item, respond { r, c, id in try service.delete(kind, id: id, c, r) })
            }
            router.add("POST", base + "/.search", respond { r, c in
                try service.list([.user, .group], c, try SCIMListQuery(search: try SCIMService.parseBody(r)))
            })
            router.add("GET", base + "/ServiceProviderConfig", respond { _, c in
                SCIMService.json(200, SCIMDiscovery.serviceProviderConfig(baseURL: c.baseURL))
            })
            router.add("GET", base + "/ResourceTypes", respond { _, c in
                let types = SCIMDiscovery.resourceTypes(baseURL: c.baseURL)
                return SCIMService.json(200, SCIMDiscovery.listResponse(types, total: types.count, startIndex: 1))
            })
            router.add("GET", base + "/ResourceTypes/{id}", respond { _, c, id in
                guard let type = SCIMDiscovery.resourceTypes(baseURL: c.baseURL).first(where: { $0["id"]?.stringValue == id }) else {
                    throw SCIMError.notFound("resource type \(id) not found (known: User, Group)")
                }
                return SCIMService.json(200, type)
            })
            router.add("GET", base + "/Schemas", respond { _, c in
                let schemas = SCIMDiscovery.schemas.map { SCIMDiscovery.schema($0, baseURL: c.baseURL) }
                return SCIMService.json(200, SCIMDiscovery.listResponse(schemas, total: schemas.count, startIndex: 1))
            })
            router.add("GET", base + "/Schemas/{id}", respond { _, c, id in
                guard let schema = SCIMDiscovery.schemas.first(where: { $0.id == id }) else {
                    throw SCIMError.notFound("schema \(id) not found")
                }
                return SCIMService.json(200, SCIMDiscovery.schema(schema, baseURL: c.baseURL))
            })
        }
    }

    private func projection(_ request: HTTPRequest) -> Projection {
        Projection(attributes: request.query.first("attributes"), excludedAttributes: request.query.first("excludedAttributes"))
    }

    /// Authenticates, then runs the handler; any error becomes an RFC 7644 §3.12 answer. A write
    /// rejected for its secret on `/populations/{idp_id}` is still logged against that IdP.
    private func respond(_ handler: @escaping @Sendable (HTTPRequest, SCIMContext, String) throws -> HTTPResponse) -> Router.Route {
        let authenticator = self.authenticator, service = self.service
        return { request, parameters in
            do {
                let context = try authenticator.authenticate(request, idpInPath: parameters["idp_id"])
                return try handler(request, context, parameters["id"] ?? "")
            } catch {
                if let idp = parameters["idp_id"], let failure = error as? SCIMError, failure.status == 401 {
                    service.logRejectedWrite(request, idp: idp, id: parameters["id"], failure: failure)
                }
                return ErrorResponses.scim(error)
            }
        }
    }

    private func respond(_ handler: @escaping @Sendable (HTTPRequest, SCIMContext) throws -> HTTPResponse) -> Router.Route {
        respond { request, context, _ in try handler(request, context) }
    }
}
