import JSON

/// The answers any operation can get from the transport rather than from its handler, added to every
/// operation of the document (routes declare only what their handlers answer), so a client or fuzzer
/// that sends a long query, a large head or broken framing meets a documented status.
///
/// What each looks like was read off the wire (`Tests/Interop/test_transport_statuses.py` checks it):
/// requests the transport vets (`RequestVetting`) are answered in the surface's own error format; the
/// connection limit answers one fixed JSON body before any request is read (a stop past its grace period too); and libmicrohttpd answers
/// a few heads itself, before the server sees them, with a small HTML page and no Content-Type.
enum TransportResponses {
    /// The body name of the errors each surface renders (a `BodySchemaRegistry` entry).
    static func errorBody(_ surface: Surface) -> String {
        switch surface {
        case .cloudflare: "V4Error"
        case .scim: "Error"
        case .admin: "AdminError"
        case .dashboard: "DashboardError"
        }
    }

    /// The transport's answers on `route`: 413 only where the application answers an oversize body
    /// (routes that read it themselves declare their own).
    static func responses(for route: Route) -> [RouteResponse] {
        let error = errorBody(route.surface)
        let oversize =
            route.answersOversizeBody ? [] : [RouteResponse(413, "The body exceeds serve --max-body-bytes", body: error)]
        return [
            RouteResponse(400, "The request-target, Host or framing is malformed (RFC 9112)", body: error),
            RouteResponse(400, "libmicrohttpd's own page: a request or header line it cannot parse", body: page),
        ] + oversize + [
            RouteResponse(414, "The request line exceeds 32 KiB, or the query has more than 1000 parameters", body: error),
            RouteResponse(414, "libmicrohttpd's own page: a request line beyond its 64 KiB buffer", body: page),
            RouteResponse(431, "The head exceeds 32 KiB or 100 fields, or its cookies 8 KiB", body: error),
            RouteResponse(431, "libmicrohttpd's own page: a head beyond its 64 KiB buffer", body: page),
            RouteResponse(501, "A transfer coding other than chunked", body: error),
            RouteResponse(
                503, "The server is at its limit of open connections, or stopping past serve --stop-timeout (Retry-After: 1)",
                body: connectionLimit),
            RouteResponse(505, "libmicrohttpd's own page: an HTTP version other than 1.0 and 1.1", body: page),
        ]
    }

    static let page = "TransportPage"
    static let connectionLimit = "TransportError"

    static var entries: [(String, BodySchema)] {
        [
            (page, .text("text/html")),
            (
                connectionLimit,
                .json("TransportError", JSONSchema.properties([("error", JSONSchema.string())], required: ["error"]))
            ),
        ]
    }
}
