import CMicroHTTPD
import Glibc

// The C entry points MHD calls. They are top-level functions because MHD
// takes plain C function pointers: nothing can be captured, so all state
// travels through `cls` (a ServerContext) and `*con_cls` (a RequestState).

/// MHD_OPTION_URI_LOG_CALLBACK: runs right after MHD parsed the request line and before it
/// splits the query, so it is the only place that sees the raw request-target. Its result
/// becomes the request's initial `*con_cls`.
///
/// It also cuts the query off in MHD's own copy of the line (which MHD splits right after this
/// call): the query is parsed from `rawTarget` instead, and otherwise MHD would store every
/// parameter as a 48-byte record in the connection's pool, which a few hundred parameters fill;
/// MHD 0.9.75 then neither answers nor closes (the client waits for the idle timeout).
func daemonURILog(
    _ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?,
    _ connection: OpaquePointer?
) -> UnsafeMutableRawPointer? {
    guard let cls else { return nil }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state = RequestState(target: uri, context: context, connection: connection)
    if let uri, let mark = strchr(uri, Int32(UInt8(ascii: "?"))) {
        (mark + 1).pointee = 0
    }
    state.client = connection.flatMap(clientConnection(of:))
    if state.client?.beginRequest() == false {
        state.refused = true
    } else {
        context.awaitHandler(state)
    }
    return Unmanaged.passRetained(state).toOpaque()
}

/// The `ClientConnection` that `daemonNotifyConnection` keeps in the connection's socket context.
func clientConnection(of connection: OpaquePointer) -> ClientConnection? {
    scim_mhd_socket_context(connection).map { Unmanaged<ClientConnection>.fromOpaque($0).takeUnretainedValue() }
}

/// MHD_OPTION_NOTIFY_COMPLETED: frees the request state (for aborted requests too), closes
/// its stream, and writes the access log for answered ones. A stream's client leaving shows
/// here: MHD's write failed and it ended the request.
func daemonRequestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    _ reason: MHD_RequestTerminationCode
) {
    guard let conCls, let raw = conCls.pointee else { return }
    conCls.pointee = nil
    let state = Unmanaged<RequestState>.fromOpaque(raw).takeRetainedValue()
    if !state.headersSeen { state.context.stopAwaiting(state) }
    state.end()
    let stopping = state.context.stopping.load(ordering: .acquiring)
    state.client?.endRequest(stopping: stopping)
    if stopping, state.status != nil, reason == .REQUEST_TERMINATED_COMPLETED_OK {
        state.context.answeredWhileStopping.add(1, ordering: .relaxed)
    }
    guard let status = state.status, let log = state.context.accessLog else { return }
    log(
        HTTPServer.AccessLogEntry(
            method: state.method, path: state.path, status: status,
            duration: ContinuousClock.now - state.startedAt, outcome: state.outcome,
            delay: state.delay, completed: reason == .REQUEST_TERMINATED_COMPLETED_OK))
}

/// MHD_OPTION_NOTIFY_CONNECTION: counts open connections, keeps a `ClientConnection` for each in
/// its `socket_context` (for `HTTPServer.stop()`), and refuses those over the limit at once (503,
/// then closed) so that no request arriving on them reaches the handler. MHD itself would stop
/// accepting at its limit and leave new clients waiting in the listen backlog.
func daemonNotifyConnection(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ socketContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    _ code: MHD_ConnectionNotificationCode
) {
    guard let cls, let connection, let socketContext else { return }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    if code == .CONNECTION_NOTIFY_CLOSED {
        context.openConnections.subtract(1, ordering: .relaxed)
        if let raw = socketContext.pointee {
            socketContext.pointee = nil
            context.connections.remove(Unmanaged<ClientConnection>.fromOpaque(raw).takeRetainedValue())
        }
        return
    }
    let open = context.openConnections.add(1, ordering: .relaxed).newValue
    let client = ClientConnection(socket: scim_mhd_connection_fd(connection), refusedAtLimit: open > context.connectionLimit)
    context.connections.add(client)
    socketContext.pointee = Unmanaged.passRetained(client).toOpaque()
    if client.refusedAtLimit { context.refuse(connection) }
}

/// MHD_OPTION_EXTERNAL_LOGGER: MHD's messages are dropped, except those saying it failed a
/// fully read request head (see `ServerContext.headFailed`). The format is compared, not the
/// formatted text: these messages are literals in MHD 0.9.75 (`_()` translates nothing).
func daemonLog(_ cls: UnsafeMutableRawPointer?, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?) {
    guard let cls, let format, let rejection = MHDHeadFailure.rejection(forLogFormat: format) else { return }
    Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().headFailed(rejection)
}

/// The access handler. MHD calls it once when headers are in, once per body
/// chunk, and once more when the request is complete (upload size 0); only
/// the first and last calls may queue a response.
func daemonAccessHandler(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ url: UnsafePointer<CChar>?, _ method: UnsafePointer<CChar>?,
    _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?,
    _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let conCls else { return .NO }
    let state: RequestState
    if let raw = conCls.pointee {
        state = Unmanaged<RequestState>.fromOpaque(raw).takeUnretainedValue()
    } else {
        let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
        state = RequestState(target: url, context: context, connection: connection)
        state.client = clientConnection(of: connection)
        if state.client?.beginRequest() == false { state.refused = true }
        conCls.pointee = Unmanaged.passRetained(state).toOpaque()
    }

    if let pending = state.pending {
        return answerPending(pending, for: state, on: connection)
    }
    if !state.headersSeen {
        return beginRequest(
            state, on: connection, method: method.map { String(cString: $0) } ?? "",
            path: url.map { String(cString: $0) } ?? "/",
            version: version.map { String(cString: $0) } ?? "")
    }

    if uploadDataSize.pointee > 0 {
        if let uploadData {
            state.receive(UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee))
        }
        uploadDataSize.pointee = 0
        return .YES
    }
    return finishRequest(state, on: connection)
}

/// The first call: the head is complete and no body byte has been read. A refused head is
/// answered here, before MHD reads (or waits for) a body.
private func beginRequest(
    _ state: RequestState, on connection: OpaquePointer,
    method: String, path: String, version: String
) -> MHD_Result {
    let context = state.context
    state.headersSeen = true
    context.stopAwaiting(state)
    if state.refused { return .NO }
    state.method = method
    state.path = path
    state.collectHeaders(from: connection)
    let fields = FramingFields(state.headers)
    state.chunked = !fields.transferCodings.isEmpty
    if let rejection = RequestVetting.rejection(of: state, fields: fields, version: version, connection: connection) {
        return context.answerDirectly(rejection, state: state, connection: connection)
    }
    if let declared = fields.contentLengths.first.flatMap(RequestVetting.contentLength) {
        if declared > UInt64(context.maxBodyBytes) {
            return answer(context.bodyTooLargeResponse(state), for: state, on: connection)
        }
        state.body.reserveCapacity(Int(declared))
    }
    return .YES
}

/// The last call: the body (and any trailer) is complete.
private func finishRequest(_ state: RequestState, on connection: OpaquePointer) -> MHD_Result {
    let context = state.context
    if state.chunked, let rejection = RequestVetting.trailerRejection(of: state, connection: connection) {
        state.body = []
        return context.answerDirectly(rejection, state: state, connection: connection)
    }
    let response = state.bodyTooLarge ? context.bodyTooLargeResponse(state) : context.handle(state.request)
    state.body = []
    return answer(response, for: state, on: connection)
}

/// MHD_KeyValueIterator collecting fields, in arrival order, into the
/// HTTPHeaders that `cls` points to.
func daemonCollectHeader(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind,
    _ key: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    cls.assumingMemoryBound(to: HTTPHeaders.self).pointee.add(String(cString: key), value.map { String(cString: $0) } ?? "")
    return .YES
}
