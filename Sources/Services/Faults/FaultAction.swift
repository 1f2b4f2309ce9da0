/// What a firing rule does to the request.
public enum FaultAction: Sendable, Equatable {
    /// Answer at once instead of the route: the service never sees the request.
    case respond(FaultAnswer)
    /// The real answer, this much later (the request is served as usual).
    case delay(Latency)
    /// Close the connection without answering, after this many milliseconds; the service never sees it.
    case close(afterMilliseconds: Int)
    /// The real answer with its full Content-Length but only this many body bytes, then the connection
    /// closes: the request is served (a write is applied and logged), the client sees a broken answer.
    case truncate(afterBytes: Int)

    /// "respond", "delay", "close" or "truncate", as the journal names what was done.
    public var kind: String {
        switch self {
        case .respond: "respond"
        case .delay: "delay"
        case .close: "close"
        case .truncate: "truncate"
        }
    }
}
