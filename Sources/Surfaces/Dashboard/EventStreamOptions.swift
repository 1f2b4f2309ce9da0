/// How the dashboard's live tails (`GET /__ui/logs/events`) behave: how many may be open at once, and
/// how often an idle one sends a keep-alive comment (keep it well under the connection timeout).
public struct EventStreamOptions: Sendable {
    public static let defaultMaxStreams = 64

    /// Beyond this many open streams, another is answered 503.
    public var maxStreams: Int
    public var keepAliveInterval: Duration

    public init(maxStreams: Int = defaultMaxStreams, keepAliveInterval: Duration = .seconds(15)) {
        self.maxStreams = max(0, maxStreams)
        self.keepAliveInterval = keepAliveInterval
    }
}
