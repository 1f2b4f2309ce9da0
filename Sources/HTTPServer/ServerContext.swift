import CMicroHTTPD
import Glibc
import Synchronization

/// Everything the C callbacks need, passed to MHD as `cls`.
///
/// A separate object (rather than the `HTTPServer` itself) so the daemon
/// keeps it alive through `Unmanaged.passRetained` until MHD_stop_daemon has
/// returned, independent of who still references the server.
final class ServerContext: Sendable {
    let handler: HTTPHandler
    let maxBodyBytes: Int
    let passesRejectedRequests: Bool
    let sendsDateHeader: Bool
    /// Connections beyond this many are answered 503 and closed.
    let connectionLimit: Int
    let accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?
    /// Per-request states alive right now; lets tests prove that aborted
    /// requests are cleaned up.
    let openRequests = Atomic<Int>(0)
    /// Client connections open right now, refused ones included until MHD closes them.
    let openConnections = Atomic<Int>(0)
    /// Connections waiting without a worker (streams, delayed answers), for `HTTPServer.stop()`.
    let suspensions = SuspensionRegistry()
    /// Every open client connection and whether a request is under way on it, for `HTTPServer.stop()`.
    let connections = ClientConnections()
    /// Set when a stop begins: answers say `Connection: close`, and idle connections are closed.
    let stopping = Atomic<Bool>(false)
    /// Counts the handler calls under way, and refuses new ones once a stop ran out of time.
    let handlers = HandlerGate()
    /// Requests answered since the stop began.
    let answeredWhileStopping = Atomic<Int>(0)
    /// The timer that resumes delayed answers and sends stream heartbeats.
    let timers = ServerTimers()
    /// Requests whose request line MHD has parsed but that have not reached the access handler
    /// yet: when MHD reports that it failed such a head, `headFailed` finds the request here.
    private let awaitingHandler = Mutex<[RequestState]>([])

    init(
        handler: @escaping HTTPHandler, maxBodyBytes: Int, passesRejectedRequests: Bool = false,
        sendsDateHeader: Bool = true, connectionLimit: Int = 10_000,
        accessLog: (@Sendable (HTTPServer.AccessLogEntry) -> Void)?
    ) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.passesRejectedRequests = passesRejectedRequests
        self.sendsDateHeader = sendsDateHeader
        self.connectionLimit = connectionLimit
        self.accessLog = accessLog
    }

    /// The answer to a request whose body is over the limit: the fixed 413, or the handler's own
    /// answer to the body-less request when the configuration passes such requests on.
    func bodyTooLargeResponse(_ state: RequestState) -> HTTPResponse {
        guard passesRejectedRequests else {
            return .json(413, Array(#"{"error":"request body exceeds \#(maxBodyBytes) bytes"}"#.utf8))
        }
        var request = state.request
        request.body = []
        request.bodyLimitExceeded = maxBodyBytes
        return handle(request)
    }

    /// The handler's answer, unless a stop ran out of time: the request is then refused with 503 and
    /// never applied, in the transport's own JSON (as at the connection limit), whatever the surface.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard handlers.enter() else { return Self.stoppingRefusal }
        defer { handlers.leave() }
        return handler(request)
    }

    private static var stoppingRefusal: HTTPResponse {
        let body = #"{"error":"the server is stopping; the request was not applied"}"#
        var response = HTTPResponse.json(503, Array(body.utf8))
        response.headers.set("Retry-After", "1")
        return response
    }

    /// Answers a rejected request by writing to its socket and closing it, without MHD: MHD may
    /// have no pool room left for a response head (an oversize head) or may be about to send a
    /// malformed answer of its own (see `headFailed`). Returns `.NO`, which makes MHD close.
    @discardableResult
    func answerDirectly(
        _ rejection: HTTPRequest.Rejection, state: RequestState,
        connection: OpaquePointer
    ) -> MHD_Result {
        let fixed = HTTPResponse.json(
            rejection.status,
            Array(#"{"error":"\#(DirectAnswer.jsonEscaped(rejection.reason))"}"#.utf8))
        var response = fixed
        if passesRejectedRequests {
            var request = state.request
            request.body = []
            request.rejection = rejection
            let rendered = handle(request)
            if (400..<600).contains(rendered.status) { response = rendered }
        }
        let headOnly = state.method == "HEAD"
        var bytes = DirectAnswer.wire(response, headOnly: headOnly, sendsDate: sendsDateHeader)
        if bytes.count > HTTPRequest.Rejection.maxAnswerBytes {
            response = fixed
            bytes = DirectAnswer.wire(fixed, headOnly: headOnly, sendsDate: sendsDateHeader)
        }
        state.answered = true
        state.status = response.status
        DirectAnswer.deliver(bytes, to: scim_mhd_connection_fd(connection))
        return .NO
    }

    /// Refuses a connection over `connectionLimit` before MHD reads from it.
    func refuse(_ connection: OpaquePointer) {
        let body = #"{"error":"the server has reached its limit of \#(connectionLimit) open connections"}"#
        var response = HTTPResponse.json(503, Array(body.utf8))
        response.headers.add("Retry-After", "1")
        let fd = scim_mhd_connection_fd(connection)
        DirectAnswer.deliver(DirectAnswer.wire(response, headOnly: false, sendsDate: sendsDateHeader), to: fd)
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    func awaitHandler(_ state: RequestState) {
        awaitingHandler.withLock { $0.append(state) }
    }

    func stopAwaiting(_ state: RequestState) {
        awaitingHandler.withLock { states in
            if let index = states.lastIndex(where: { $0 === state }) { states.remove(at: index) }
        }
    }

    /// Called (through MHD's log callback) when MHD failed a request head after reading all of
    /// it, before the access handler saw it. MHD 0.9.75 then queues an error answer whose status
    /// line and headers go out twice, so the answer is written here first and the socket shut for
    /// writing, which makes MHD's own attempt fail and close the connection.
    ///
    /// The log callback does not say which connection it is about. MHD handles a connection on
    /// one worker thread at a time, and a head it has fully read goes straight on to the access
    /// handler unless it fails; so the request is the one on this thread whose head is complete
    /// (MHD reports its size) and that has not reached the handler or been answered.
    func headFailed(_ rejection: HTTPRequest.Rejection) {
        let thread = pthread_self()
        let failed = awaitingHandler.withLock { states in
            states.first { state in
                guard pthread_equal(state.thread, thread) != 0, !state.answered, let connection = state.connection
                else { return false }
                return scim_mhd_request_head_size(connection) > 0
            }
        }
        guard let failed, let connection = failed.connection else { return }
        failed.path = PercentDecoding.decode(HTTPRequest.split(target: failed.rawTarget).path, plusAsSpace: false)
        failed.collectHeaders(from: connection)
        answerDirectly(rejection, state: failed, connection: connection)
    }
}
