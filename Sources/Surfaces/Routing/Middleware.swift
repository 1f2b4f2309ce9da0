import HTTPServer

/// A step in front of every route of every surface (authentication today; faults, rate limits and a
/// request journal can join): it may answer itself, change the request, or pass it on with `next`.
/// Errors it throws are rendered in the route's surface format, like a handler's.
public protocol Middleware: Sendable {
    func respond(to request: RouteRequest, next: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse
}

extension Array where Element == any Middleware {
    /// Runs the chain in order, the route's handler last.
    func run(_ request: RouteRequest, handler: (RouteRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        try run(from: startIndex, request, handler)
    }

    private func run(
        from index: Int, _ request: RouteRequest,
        _ handler: (RouteRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard index < endIndex else { return try handler(request) }
        return try self[index].respond(to: request) { next in try run(from: index + 1, next, handler) }
    }
}
