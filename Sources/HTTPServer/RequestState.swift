import CMicroHTTPD
import Glibc

/// Per-request state kept in MHD's `*con_cls` while a request is in flight.
///
/// Created by the URI log callback (the only place the raw request-target is
/// visible), filled over several access-handler calls as the body streams in,
/// and released in the request-completed callback, which MHD runs for aborted
/// requests too.
///
/// Only the connection's worker thread touches it, except for the short list
/// in `ServerContext` that the log callback searches (under a lock, and only
/// for states of its own thread), hence @unchecked.
final class RequestState: @unchecked Sendable {
    let context: ServerContext
    /// The request-target as sent, e.g. "/a%20b?x=1".
    let rawTarget: String
    let rawQuery: String
    let startedAt = ContinuousClock.now
    /// The connection and the worker thread serving it, so that the MHD log
    /// callback can tell which request it is about (see `ServerContext.headFailed`).
    let connection: OpaquePointer?
    let thread: pthread_t
    var headersSeen = false
    var method = ""
    var path = ""
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    /// Set once the streamed body passed the limit; the rest is discarded.
    var bodyTooLarge = false
    /// Set once the transport wrote the answer itself (a rejected request).
    var answered = false
    /// Whether the body is chunked, so may end with trailer fields.
    var chunked = false
    /// Set for requests on a connection refused at the connection limit, or closed by a stop: never handled.
    var refused = false
    /// The connection the request came on, told when the request ends (see `ClientConnection`).
    var client: ClientConnection?
    /// The status sent or queued, if any (0 for a dropped connection); only answered requests
    /// are access-logged.
    var status: Int?
    var outcome = HTTPServer.AccessLogEntry.Outcome.answered
    /// The delay the handler asked for, once the answer was held back.
    var delay: Duration?
    /// A delayed answer, waiting for the timer to resume the connection.
    var pending: HTTPResponse?
    /// The stream that answers the request, to be closed when the request ends.
    var stream: ResponseStream?
    /// Created on the first wait (a delay, an empty stream), and released when the request ends.
    private(set) var suspension: ConnectionSuspension?

    /// False when the request-target held bytes that are not UTF-8 (`rawTarget` has U+FFFD for them).
    let targetIsUTF8: Bool

    /// Reads the request-target from MHD's C string, noting whether it was UTF-8.
    convenience init(target: UnsafePointer<CChar>?, context: ServerContext, connection: OpaquePointer?) {
        let valid = target.flatMap { String(validatingCString: $0) }
        self.init(
            rawTarget: valid ?? target.map { String(cString: $0) } ?? "", targetIsUTF8: valid != nil || target == nil,
            context: context, connection: connection)
    }

    init(rawTarget: String, targetIsUTF8: Bool = true, context: ServerContext, connection: OpaquePointer?) {
        self.context = context
        self.rawTarget = rawTarget
        self.targetIsUTF8 = targetIsUTF8
        self.rawQuery = HTTPRequest.split(target: rawTarget).query
        self.connection = connection
        self.thread = pthread_self()
        context.openRequests.add(1, ordering: .relaxed)
    }

    deinit {
        context.openRequests.subtract(1, ordering: .relaxed)
    }

    /// Appends a body chunk unless the limit is exceeded, in which case the
    /// buffered bytes are dropped so memory stays bounded.
    func receive(_ chunk: UnsafeRawBufferPointer) {
        guard !bodyTooLarge else { return }
        if body.count + chunk.count > context.maxBodyBytes {
            bodyTooLarge = true
            body = []
        } else {
            body.append(contentsOf: chunk)
        }
    }

    /// This request's connection suspension, created (and registered for `HTTPServer.stop()`)
    /// on first use.
    func suspension(on connection: OpaquePointer) -> ConnectionSuspension {
        if let suspension { return suspension }
        let created = ConnectionSuspension(connection: connection, registry: context.suspensions)
        suspension = created
        return created
    }

    /// The request is over (MHD's completion callback): its stream closes, and a stop no longer
    /// needs to wait for the connection.
    func end() {
        stream?.connectionEnded()
        pending?.stream?.abandon()
        suspension?.release()
    }

    /// Reads the header fields MHD parsed into `headers`, in arrival order.
    func collectHeaders(from connection: OpaquePointer) {
        headers = HTTPHeaders(of: connection, kind: .HEADER_KIND)
    }

    var request: HTTPRequest {
        var request = HTTPRequest(method: method, path: path, rawQuery: rawQuery, headers: headers, body: body)
        request.clientAddress = clientAddress
        return request
    }

    /// The peer's address as text ("127.0.0.1", "::1"), for per-client rate limits and journals.
    private var clientAddress: String? {
        guard let connection else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress, scim_mhd_client_address(connection, base, 64) == 0 else { return nil }
            return String(cString: base)
        }
    }
}

extension HTTPHeaders {
    /// The fields of one kind (headers, trailers) that MHD parsed, in arrival order.
    init(of connection: OpaquePointer, kind: MHD_ValueKind) {
        self.init()
        withUnsafeMutablePointer(to: &self) { fields in
            _ = MHD_get_connection_values(connection, kind, daemonCollectHeader, UnsafeMutableRawPointer(fields))
        }
    }
}
