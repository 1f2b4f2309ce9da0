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

    /// Set when the body was larger than the server's limit and was dropped (only with
    /// `Configuration.passesOversizeRequests`): the handler answers 413 in its own format.
    public var bodyLimitExceeded: Int?

    public init(method: String, path: String, rawQuery: String = "",
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.query = QueryParameters(parsing: rawQuery)
        self.headers = headers
        self.body = body
    }

    /// Builds a request from a request-target such as "/a/b?x=1", splitting at
    /// the first '?' and percent-decoding the path, as the server does.
    public init(method: String, target: String,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        let (rawPath, rawQuery) = Self.split(target: target)
        self.init(method: method, path: PercentDecoding.decode(rawPath, plusAsSpace: false),
                  rawQuery: rawQuery, headers: headers, body: body)
    }

    /// Splits a request-target into its raw path and raw query.
    static func split(target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
