import JSON

/// The OpenAPI 3.1 document of what the mock serves, generated from the route values and the body
/// registry (whose SCIM schemas are the ones the server validates with), so it cannot drift from them.
public struct OpenAPIDocument: Sendable {
    public let routes: [Route]
    /// With `--admin-token`, admin operations need the admin bearer token; without it they are open.
    public let adminTokenRequired: Bool

    public init(routes: [Route], adminTokenRequired: Bool) {
        self.routes = routes
        self.adminTokenRequired = adminTokenRequired
    }

    /// The body names routes use that the registry lacks; the document's tests require none.
    public static func unknownBodies(in routes: [Route]) -> [String] {
        let names = routes.flatMap { route in route.responses.compactMap(\.body) + (route.requestBody.map { [$0] } ?? []) }
        return Array(Set(names.filter { BodySchemaRegistry.schema(named: $0) == nil })).sorted()
    }

    public var json: JSONValue {
        JSONSchema.object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                JSONSchema.object([
                    ("title", .string("scim-mock")), ("version", .string("1")),
                    (
                        "description",
                        .string(
                            "A local mock of Cloudflare Zero Trust's SCIM surface: the v4 update-log, user and group lists, "
                                + "the inbound SCIM 2.0 endpoint, the mock's admin API and its dashboard. Generated from the "
                                + "served routes.")
                    ),
                ])
            ),
            (
                "tags",
                .array(
                    Surface.allCases.map {
                        JSONSchema.object([("name", .string($0.rawValue)), ("description", .string(Self.about($0)))])
                    })
            ),
            ("paths", paths),
            (
                "components",
                JSONSchema.object([
                    ("schemas", JSONSchema.object(BodySchemaRegistry.components)),
                    ("securitySchemes", OpenAPISecurity.schemes),
                ])
            ),
        ])
    }

    public var bytes: [UInt8] {
        var w = JSONWriter()
        w.value(json)
        return w.bytes
    }

    /// Paths in registration order, each with its operations.
    private var paths: JSONValue {
        var order: [String] = []
        var operations: [String: [(String, JSONValue)]] = [:]
        for route in routes {
            if operations[route.pattern] == nil { order.append(route.pattern) }
            operations[route.pattern, default: []].append((route.method.lowercased(), operation(route)))
        }
        return JSONSchema.object(order.map { ($0, JSONSchema.object(operations[$0] ?? [])) })
    }

    private func operation(_ route: Route) -> JSONValue {
        var o = JSONObject([
            ("operationId", .string(Self.operationID(route))), ("summary", .string(route.summary)),
            ("tags", .array([.string(route.surface.rawValue)])),
        ])
        if !route.parameters.isEmpty { o["parameters"] = .array(route.parameters.map(OpenAPIParameters.parameter)) }
        if let name = route.requestBody, let body = BodySchemaRegistry.schema(named: name) {
            o["requestBody"] = JSONSchema.object([("required", .bool(true)), ("content", Self.content(body))])
        }
        o["responses"] = responses(route)
        o["security"] = OpenAPISecurity.requirements(route, adminTokenRequired: adminTokenRequired)
        return .object(o)
    }

    /// The route's own answers, then the transport's (`TransportResponses`) and the store's (`StoreResponses`). Answers of one status are
    /// merged: their descriptions joined, their media types united (two schemas for one type as `anyOf`).
    private func responses(_ route: Route) -> JSONValue {
        var order: [Int] = []
        var merged: [Int: (summaries: [String], content: [(String, JSONValue)])] = [:]
        for response in route.responses + TransportResponses.responses(for: route) + StoreResponses.responses(for: route) {
            if merged[response.status] == nil { order.append(response.status) }
            var entry = merged[response.status] ?? ([], [])
            if !entry.summaries.contains(response.summary) { entry.summaries.append(response.summary) }
            if let name = response.body, let body = BodySchemaRegistry.schema(named: name) {
                entry.content = Self.uniting(entry.content, body)
            }
            merged[response.status] = entry
        }
        return JSONSchema.object(
            order.map { status in
                let entry = merged[status] ?? ([], [])
                var o = JSONObject([("description", .string(entry.summaries.joined(separator: "; ")))])
                if !entry.content.isEmpty { o["content"] = JSONSchema.object(entry.content) }
                if status == 201, let links = links(from: route) { o["links"] = links }
                return (String(status), .object(o))
            })
    }

    /// `content` with `body`'s media types added; a type already there with another schema takes either.
    private static func uniting(_ content: [(String, JSONValue)], _ body: BodySchema) -> [(String, JSONValue)] {
        var united = content
        for type in body.contentTypes {
            let schema = body.reference
            guard let index = united.firstIndex(where: { $0.0 == type }) else {
                united.append((type, JSONSchema.object([("schema", schema)])))
                continue
            }
            guard let existing = united[index].1.objectValue?["schema"], existing != schema else { continue }
            let alternatives = existing.objectValue?["anyOf"]?.arrayValue ?? [existing]
            guard !alternatives.contains(schema) else { continue }
            united[index].1 = JSONSchema.object([("schema", JSONSchema.object([("anyOf", .array(alternatives + [schema]))]))])
        }
        return united
    }

    /// A create's answer leads to the operations on what it created (`P/{id}` for `POST P`), with the
    /// new `id` from the body and the other path parameters as the request had them, so clients and
    /// stateful testers can follow a resource through its life.
    private func links(from create: Route) -> JSONValue? {
        let item = create.pattern + "/{id}"
        let targets = routes.filter { $0.pattern == item }
        guard !targets.isEmpty else { return nil }
        return JSONSchema.object(
            targets.map { target in
                let parameters = target.parameters.filter { $0.location == .path }.map { p in
                    (p.name, JSONValue.string(p.name == "id" ? "$response.body#/id" : "$request.path.\(p.name)"))
                }
                return (
                    Self.operationID(target),
                    JSONSchema.object([
                        ("operationId", .string(Self.operationID(target))), ("parameters", JSONSchema.object(parameters)),
                    ])
                )
            })
    }

    private static func content(_ body: BodySchema) -> JSONValue {
        JSONSchema.object(body.contentTypes.map { ($0, JSONSchema.object([("schema", body.reference)])) })
    }

    /// "get_scim_v2_Users_id": unique per route, since method and pattern are.
    static func operationID(_ route: Route) -> String {
        let words = route.pattern.split { !($0.isLetter || $0.isNumber) }
        return ([route.method.lowercased()] + words.map(String.init)).joined(separator: "_")
    }

    private static func about(_ surface: Surface) -> String {
        switch surface {
        case .cloudflare: "Cloudflare API v4 (at /client/v4 and bare): v4 token, or X-Auth-Email with X-Auth-Key"
        case .scim: "Inbound SCIM 2.0 (RFC 7644) at /scim/v2 and /populations/{idp_id}/scim/v2: the IdP's SCIM secret"
        case .admin: "The mock's own admin API under /__admin"
        case .dashboard: "The dashboard under /__ui: HTML pages and the live tail of update logs"
        }
    }
}
