import CMicroHTTPD

// How a handler's `HTTPResponse` is handed to MHD, from inside the access handler.

/// Answers now, or, for a delayed response, suspends the connection and lets the shared timer
/// resume it; MHD then calls the access handler again, which finds the answer in `pending`.
/// The worker thread is free meanwhile.
func answer(_ response: HTTPResponse, for state: RequestState, on connection: OpaquePointer) -> MHD_Result {
    guard let delay = response.delay, delay > .zero else {
        return deliver(response, for: state, on: connection)
    }
    var later = response
    later.delay = nil
    state.delay = delay
    let suspension = state.suspension(on: connection)
    guard suspension.suspend() else {
        return deliver(.dropConnection(), for: state, on: connection)
    }
    state.pending = later
    state.context.timers.after(delay) { suspension.resume() }
    return .YES
}

/// The access handler's call after a delay ended (the connection was resumed): answers with the
/// held response. A stop cuts the delay short: the request was applied, so its answer goes out.
func answerPending(_ response: HTTPResponse, for state: RequestState, on connection: OpaquePointer) -> MHD_Result {
    state.pending = nil
    return deliver(response, for: state, on: connection)
}

/// Queues `response` on MHD, or closes the connection for a dropped one (returning `.NO` makes
/// MHD close it without sending anything). MHD computes Content-Length, and leaves out the
/// body of HEAD responses itself.
private func deliver(_ response: HTTPResponse, for state: RequestState, on connection: OpaquePointer) -> MHD_Result {
    state.outcome = response.kind
    if response.dropsConnection {
        state.status = 0
        return .NO
    }
    if let stream = response.stream {
        guard stream.attach(state.suspension(on: connection), timers: state.context.timers) else {
            let body = #"{"error":"a ResponseStream can answer one request only"}"#
            return deliver(.json(500, Array(body.utf8)), for: state, on: connection)
        }
        state.stream = stream
    }
    guard let mhdResponse = MHDResponse.make(response) else { return .NO }
    defer { MHD_destroy_response(mhdResponse) }
    if state.context.stopping.load(ordering: .acquiring) {
        // MHD closes the connection once this answer is sent, so no further request is read on it.
        _ = MHD_add_response_header(mhdResponse, "Connection", "close")
    }
    let status = (100...999).contains(response.status) ? response.status : 500
    state.status = status
    return MHD_queue_response(connection, UInt32(status), mhdResponse)
}
