/// What a handler returns; the transport adds Content-Length itself.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body; `contentType` lets SCIM routes use
    /// "application/scim+json".
    public static func json(_ status: Int, _ body: [UInt8],
                            contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: body)
    }
}

/// The application-level request handler, run synchronously on a server worker thread.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse
