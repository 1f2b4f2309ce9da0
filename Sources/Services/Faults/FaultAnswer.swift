/// An injected answer: the status, extra headers, and either a body as given or the surface's own error
/// body with `message`.
public struct FaultAnswer: Sendable, Equatable {
    public var status: Int
    public var headers: [FaultNameValue]
    /// Sent as is when set (with `contentType`); otherwise the surface renders its error format.
    public var body: [UInt8]?
    public var contentType: String
    public var message: String?
    /// The v4 error code, for Cloudflare answers; nil picks one from the status.
    public var code: Int?

    public init(
        status: Int, headers: [FaultNameValue] = [], body: [UInt8]? = nil, contentType: String = "application/json",
        message: String? = nil, code: Int? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.contentType = contentType
        self.message = message
        self.code = code
    }
}
