import Foundation
import HTTPServer
import SCIM

/// The whole mock as one request handler: the route tables of each surface, and 404/405 answers in
/// the format of the surface a path belongs to. In-process tests call `handle` directly, without sockets.
public struct MockApplication: Sendable {
    public let store: Store
    private let router: Router

    public init(store: Store, auth: AuthPolicy = AuthPolicy(), clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
                newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.store = store
        var router = Router()
        CloudflareRoutes(store: store, auth: auth).register(in: &router)
        SCIMRoutes(service: SCIMService(store: store, clock: clock, newID: newID),
                   authenticator: SCIMAuthenticator(store: store)).register(in: &router)
        self.router = router
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let scim = request.path.hasPrefix("/scim/") || request.path.hasPrefix("/populations/")
        switch router.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            return route(request, parameters)
        case .methodNotAllowed(let allowed):
            var response = scim
                ? ErrorResponses.scim(SCIMError(status: 405, detail: "\(request.method) is not allowed here (allowed: \(allowed.joined(separator: ", ")))"))
                : ErrorResponses.v4(CloudflareError.methodNotAllowed(request.method, allowed: allowed))
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return response
        case .notFound:
            return scim
                ? ErrorResponses.scim(SCIMError.notFound("no SCIM endpoint at \(request.path)"))
                : ErrorResponses.v4(CloudflareError.noRoute)
        }
    }
}
