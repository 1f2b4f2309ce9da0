/// What a handler returns; the transport adds Content-Length itself.
///
/// Most answers are `status`, `headers` and a buffered `body`. The other properties change how
/// (or whether) it goes out, without holding a worker thread while it waits: `stream` for a body
/// written over time, `delay` to answer later, `truncatedAfter` to break off the body, and
/// `dropsConnection` to answer nothing at all (the last two are faults, for tests of clients).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// When set, the body comes from this stream instead of `body`, without Content-Length
    /// (chunked on HTTP/1.1); see `ResponseStream`.
    public var stream: ResponseStream?
    /// Answer only this long after the handler returned. The connection is suspended meanwhile
    /// and a shared timer resumes it, so any number of delayed answers hold no worker thread.
    public var delay: Duration?
    /// Send the head with the full Content-Length but only the first this-many body bytes, then
    /// close the connection, as a server dying mid-answer would. Ignored for streams and when
    /// not less than `body.count`.
    public var truncatedAfter: Int?
    /// Send nothing: close the connection (after `delay`, if any). Status, headers and body
    /// are not used; the access log records status 0.
    public var dropsConnection = false

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body; `contentType` lets SCIM routes use
    /// "application/scim+json".
    public static func json(
        _ status: Int, _ body: [UInt8],
        contentType: String = "application/json"
    ) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: body)
    }

    /// A response whose body is `stream`, sent as the application writes it.
    public static func streaming(
        status: Int = 200, headers: HTTPHeaders = HTTPHeaders(),
        _ stream: ResponseStream
    ) -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: headers)
        response.stream = stream
        return response
    }

    /// No answer: the connection is closed, at once or after `delay`; the client sees the
    /// connection end without a status line.
    public static func dropConnection(after delay: Duration? = nil) -> HTTPResponse {
        var response = HTTPResponse(status: 0)
        response.dropsConnection = true
        response.delay = delay
        return response
    }

    /// What the transport does with the response, in order of precedence.
    var kind: HTTPServer.AccessLogEntry.Outcome {
        if dropsConnection { return .dropped }
        if stream != nil { return .streamed }
        if let truncatedAfter, truncatedAfter < body.count { return .truncated }
        return .answered
    }
}

/// The application-level request handler, run synchronously on a server worker thread.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse
