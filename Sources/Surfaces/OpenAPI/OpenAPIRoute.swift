import HTTPServer

/// `GET /__admin/openapi.json`: the document of every route, itself included, generated once when
/// the application is built (routes do not change while it runs).
enum OpenAPIRoute {
    static let pattern = AdminRoutes.prefix + "/openapi.json"

    static func route(describing routes: [Route], adminTokenRequired: Bool) -> Route {
        let all = routes + [route(serving: [])]
        return route(serving: OpenAPIDocument(routes: all, adminTokenRequired: adminTokenRequired).bytes)
    }

    private static func route(serving document: [UInt8]) -> Route {
        Route(
            "GET", pattern, surface: .admin, summary: "This OpenAPI 3.1 document",
            responses: [RouteResponse(200, "The document", body: "OpenAPI")] + AdminRoutes.errorResponses
        ) { _ in HTTPResponse.json(200, document) }
    }
}
