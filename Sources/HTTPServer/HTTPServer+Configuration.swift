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
        public var status: Int
        /// From the start of the request line to the end of the response.
        public var duration: Duration

        public init(method: String, path: String, status: Int, duration: Duration) {
            self.method = method
            self.path = path
            self.status = status
            self.duration = duration
        }
    }
}
