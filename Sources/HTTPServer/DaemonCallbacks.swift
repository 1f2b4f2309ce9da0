import CMicroHTTPD

// The C entry points MHD calls. They are top-level functions because MHD
// takes plain C function pointers: nothing can be captured, so all state
// travels through `cls` (a ServerContext) and `*con_cls` (a RequestState).

/// MHD_OPTION_URI_LOG_CALLBACK: runs before MHD parses the request-target,
/// so it is the only place that sees the raw query. Its result becomes the
/// request's initial `*con_cls`.
func daemonURILog(_ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?,
                  _ connection: OpaquePointer?) -> UnsafeMutableRawPointer? {
    guard let cls else { return nil }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state = RequestState(rawURI: uri.map { String(cString: $0) } ?? "", context: context)
    return Unmanaged.passRetained(state).toOpaque()
}

/// MHD_OPTION_NOTIFY_COMPLETED: frees the request state (for aborted
/// requests too) and writes the access log for answered ones.
func daemonRequestCompleted(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
                            _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                            _ reason: MHD_RequestTerminationCode) {
    guard let conCls, let raw = conCls.pointee else { return }
    conCls.pointee = nil
    let state = Unmanaged<RequestState>.fromOpaque(raw).takeRetainedValue()
    guard let status = state.status, let log = state.context.accessLog else { return }
    log(HTTPServer.AccessLogEntry(method: state.method, path: state.path, status: status,
                                  duration: ContinuousClock.now - state.startedAt))
}

/// The access handler. MHD calls it once when headers are in, once per body
/// chunk, and once more when the request is complete (upload size 0); only
/// the first and last calls may queue a response.
func daemonAccessHandler(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
                         _ url: UnsafePointer<CChar>?, _ method: UnsafePointer<CChar>?,
                         _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
                         _ uploadDataSize: UnsafeMutablePointer<Int>?,
                         _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let conCls else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state: RequestState
    if let raw = conCls.pointee {
        state = Unmanaged<RequestState>.fromOpaque(raw).takeUnretainedValue()
    } else {
        state = RequestState(rawURI: url.map { String(cString: $0) } ?? "", context: context)
        conCls.pointee = Unmanaged.passRetained(state).toOpaque()
    }

    if !state.headersSeen {
        state.headersSeen = true
        state.method = method.map { String(cString: $0) } ?? ""
        state.path = url.map { String(cString: $0) } ?? "/"
        let stateCls = Unmanaged.passUnretained(state).toOpaque()
        _ = MHD_get_connection_values(connection, .HEADER_KIND, daemonCollectHeader, stateCls)
        if let declared = state.headers["Content-Length"].flatMap(Int.init) {
            if declared > context.maxBodyBytes {
                return queue(context.bodyTooLargeResponse(state), for: state, on: connection)
            }
            state.body.reserveCapacity(max(0, declared))
        }
        return .YES
    }

    if uploadDataSize.pointee > 0 {
        if let uploadData {
            state.receive(UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee))
        }
        uploadDataSize.pointee = 0
        return .YES
    }

    let response = state.bodyTooLarge ? context.bodyTooLargeResponse(state) : context.handler(state.request)
    state.body = []
    return queue(response, for: state, on: connection)
}

/// MHD_KeyValueIterator collecting request headers, in arrival order, into
/// the RequestState passed as `cls`.
func daemonCollectHeader(_ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind,
                         _ key: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let state = Unmanaged<RequestState>.fromOpaque(cls).takeUnretainedValue()
    state.headers.add(String(cString: key), value.map { String(cString: $0) } ?? "")
    return .YES
}

/// Hands `response` to MHD. The body is copied (MUST_COPY) so no Swift
/// memory outlives this call; MHD computes Content-Length and drops the
/// body of HEAD responses itself.
private func queue(_ response: HTTPResponse, for state: RequestState,
                   on connection: OpaquePointer) -> MHD_Result {
    let status = (100...999).contains(response.status) ? response.status : 500
    let created = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                                        .RESPMEM_MUST_COPY)
    }
    guard let mhdResponse = created else { return .NO }
    defer { MHD_destroy_response(mhdResponse) }
    for (name, value) in response.headers where !HTTPHeaders.namesMatch(name, "Content-Length") {
        _ = MHD_add_response_header(mhdResponse, name, value)
    }
    state.status = status
    return MHD_queue_response(connection, UInt32(status), mhdResponse)
}
