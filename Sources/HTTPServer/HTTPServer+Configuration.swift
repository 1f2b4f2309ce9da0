import Foundation

extension HTTPServer {
    /// Listen and resource settings. Defaults are safe for local use: loopback
    /// only, 1 MiB bodies, a worker thread per core.
    public struct Configuration: Sendable {
        /// IPv4 or IPv6 literal ("::1"); "localhost" means 127.0.0.1. Anything
        /// else makes `start()` throw `HTTPServerError.invalidAddress`.
        public var host: String = "127.0.0.1"
        /// 0 picks an ephemeral port; read it back from `HTTPServer.port`.
        public var port: UInt16 = 4010
        /// Worker threads; a slow handler only blocks its own thread.
        public var threads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
        /// Larger bodies get 413 without reaching the handler (see `passesRejectedRequests`).
        public var maxBodyBytes: Int = 1 << 20
        /// When true, requests the transport refuses still reach the handler, without a body, so the
        /// application can answer (and record) the error in its own format: a body over
        /// `maxBodyBytes` comes with `bodyLimitExceeded` set (the handler answers 413), a head over
        /// the limits or with broken framing comes with `rejection` set (the handler answers its
        /// status). When false the transport answers a small JSON error itself.
        public var passesRejectedRequests = false
        /// Most client connections open at once; the next one is answered 503 and closed at once.
        /// `start()` lowers it to what RLIMIT_NOFILE allows (after raising the soft limit to the
        /// hard one if needed); `HTTPServer.connectionLimit` tells the value in force.
        public var connectionLimit = 10_000
        /// Idle connections are closed after this long.
        public var connectionTimeoutSeconds: UInt32 = 30
        /// When false, responses carry no `Date` header, so identical requests
        /// get byte-identical responses (deterministic test runs).
        public var sendsDateHeader = true
        /// Called once per answered request, on a worker thread.
        public var accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil

        public init() {}
    }

    /// One answered request, for access logging.
    public struct AccessLogEntry: Sendable {
        public var method: String
        /// The decoded path, without the query.
        public var path: String
        /// The status sent; 0 when nothing was (`outcome` is `.dropped`).
        public var status: Int
        /// From the start of the request line to the end of the response (of a stream: to its end).
        public var duration: Duration
        public var outcome: Outcome
        /// How long the answer was held back (`HTTPResponse.delay`), if it was.
        public var delay: Duration?
        /// False when the connection ended before the whole answer went out: the client left,
        /// the stream was cut off, the body truncated, or the server stopped.
        public var completed: Bool

        public init(
            method: String, path: String, status: Int, duration: Duration,
            outcome: Outcome = .answered, delay: Duration? = nil, completed: Bool = true
        ) {
            self.method = method
            self.path = path
            self.status = status
            self.duration = duration
            self.outcome = outcome
            self.delay = delay
            self.completed = completed
        }

        /// What kind of answer the request got.
        public enum Outcome: Sendable, Equatable {
            /// A buffered body with its Content-Length.
            case answered
            /// A `ResponseStream` body.
            case streamed
            /// The body was broken off (`HTTPResponse.truncatedAfter`).
            case truncated
            /// No answer; the connection was closed (`HTTPResponse.dropsConnection`).
            case dropped
        }
    }
}
