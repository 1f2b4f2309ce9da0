import Synchronization

/// Everything the C callbacks need, passed to MHD as `cls`.
///
/// A separate object (rather than the `HTTPServer` itself) so the daemon
/// keeps it alive through `Unmanaged.passRetained` until MHD_stop_daemon has
/// returned, independent of who still references the server.
final class ServerContext: Sendable {
    let handler: HTTPHandler
    let maxBodyBytes: Int
    let accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?
    /// Per-request states alive right now; lets tests prove that aborted
    /// requests are cleaned up.
    let openRequests = Atomic<Int>(0)

    init(handler: @escaping HTTPHandler, maxBodyBytes: Int,
         accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.accessLog = accessLog
    }

    /// The fixed 413 reply; the handler is never called for oversize bodies.
    func bodyTooLargeResponse() -> HTTPResponse {
        .json(413, Array(#"{"error":"request body exceeds \#(maxBodyBytes) bytes"}"#.utf8))
    }
}
