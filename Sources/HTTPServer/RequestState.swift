/// Per-request state kept in MHD's `*con_cls` while a request is in flight.
///
/// Created by the URI log callback (the only place the raw query is visible),
/// filled over several access-handler calls as the body streams in, and
/// released in the request-completed callback, which MHD runs for aborted
/// requests too.
final class RequestState {
    let context: ServerContext
    let rawQuery: String
    let startedAt = ContinuousClock.now
    var headersSeen = false
    var method = ""
    var path = ""
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    /// Set once the streamed body passed the limit; the rest is discarded.
    var bodyTooLarge = false
    /// The status queued, if any; only answered requests are access-logged.
    var status: Int?

    init(rawURI: String, context: ServerContext) {
        self.context = context
        self.rawQuery = HTTPRequest.split(target: rawURI).query
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

    var request: HTTPRequest {
        HTTPRequest(method: method, path: path, rawQuery: rawQuery, headers: headers, body: body)
    }
}
