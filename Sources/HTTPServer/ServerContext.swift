import Synchronization

/// Everything the C callbacks need, passed to MHD as `cls`.
///
/// A separate object (rather than the `HTTPServer` itself) so the daemon
/// keeps it alive through `Unmanaged.passRetained` until MHD_stop_daemon has
/// returned, independent of who still references the server.
final class ServerContext: Sendable {
    let handler: HTTPHandler
    let maxBodyBytes: Int
    let passesOversizeRequests: Bool
    let accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?
    /// Per-request states alive right now; lets tests prove that aborted
    /// requests are cleaned up.
    let openRequests = Atomic<Int>(0)

    init(handler: @escaping HTTPHandler, maxBodyBytes: Int, passesOversizeRequests: Bool = false,
         accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.passesOversizeRequests = passesOversizeRequests
        self.accessLog = accessLog
    }

    /// The answer to a request whose body is over the limit: the fixed 413, or the handler's own
    /// answer to the body-less request when the configuration passes such requests on.
    func bodyTooLargeResponse(_ state: RequestState) -> HTTPResponse {
        guard passesOversizeRequests else {
            return .json(413, Array(#"{"error":"request body exceeds \#(maxBodyBytes) bytes"}"#.utf8))
        }
        var request = state.request
        request.body = []
        request.bodyLimitExceeded = maxBodyBytes
        return handler(request)
    }
}
