/// A fully received request, handed to the application handler.
///
/// The body is already complete: the transport buffers it (bounded by
/// `HTTPServer.Configuration.maxBodyBytes`) so handlers stay synchronous.
public struct HTTPRequest: Sendable {
    /// The method as sent, e.g. "GET".
    public var method: String
    /// The percent-decoded path without the query, e.g. "/accounts/abc/x".
    public var path: String
    /// The undecoded text after '?', or "" when there is none.
    public var rawQuery: String
    /// Parameters parsed from `rawQuery`.
    public var query: QueryParameters
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The client's IP address as text ("127.0.0.1", "::1"), when the transport knows it.
    public var clientAddress: String?

    /// Set when the body was larger than the server's limit and was dropped (only with
    /// `Configuration.passesRejectedRequests`): the handler answers 413 in its own format.
    public var bodyLimitExceeded: Int?

    /// Set when the transport refused the request before reading its body (only with
    /// `Configuration.passesRejectedRequests`): the head was over a limit or its framing was
    /// broken. The handler answers `rejection.status` in its own format and must not act on the
    /// request; the method, path or headers may be missing when MHD failed to parse them. The
    /// answer is written as is and the connection closed, so it must stay small: the transport
    /// sends its own JSON error instead when the whole answer exceeds `Rejection.maxAnswerBytes`
    /// or its status is not 4xx or 5xx.
    public var rejection: Rejection?

    public init(
        method: String, path: String, rawQuery: String = "",
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.query = QueryParameters(parsing: rawQuery)
        self.headers = headers
        self.body = body
    }

    /// Builds a request from a request-target such as "/a/b?x=1", splitting at
    /// the first '?' and percent-decoding the path, as the server does; a target the server
    /// would refuse (a bad percent-escape) gets the same `rejection`.
    public init(
        method: String, target: String,
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) {
        let (rawPath, rawQuery) = Self.split(target: target)
        self.init(
            method: method, path: PercentDecoding.decode(rawPath, plusAsSpace: false),
            rawQuery: rawQuery, headers: headers, body: body)
        rejection = RequestVetting.targetRejection(target, isUTF8: true)
    }

    /// Why the transport refused a request, e.g. 431 "the request head exceeds 32768 bytes".
    public struct Rejection: Sendable, Equatable {
        /// The answer that is due: 400, 414, 431 or 501.
        public var status: Int
        /// A sentence naming the broken rule or the limit, fit for an error message.
        public var reason: String

        /// Most bytes (status line, headers and body) of the handler's answer to a rejected request.
        public static let maxAnswerBytes = 8 * 1024

        public init(status: Int, reason: String) {
            self.status = status
            self.reason = reason
        }
    }

    /// Splits a request-target into its raw path and raw query.
    static func split(target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
