import HTTPServer

/// The whole mock as one request handler: the route tables of each surface, and v4-style 404/405
/// for anything they do not route. In-process tests call `handle` directly, without sockets.
public struct MockApplication: Sendable {
    public let store: Store
    private let router: Router

    public init(store: Store, auth: AuthPolicy = AuthPolicy()) {
        self.store = store
        var router = Router()
        CloudflareRoutes(store: store, auth: auth).register(in: &router)
        self.router = router
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        switch router.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            return route(request, parameters)
        case .methodNotAllowed(let allowed):
            var response = ErrorResponses.v4(CloudflareError.methodNotAllowed(request.method, allowed: allowed))
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return response
        case .notFound:
            return ErrorResponses.v4(CloudflareError.noRoute)
        }
    }
}
