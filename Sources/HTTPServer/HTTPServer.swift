import CMicroHTTPD
import Glibc
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that hands complete requests to a
/// synchronous handler.
///
/// MHD runs its own thread pool (epoll where available), so a slow handler
/// stalls only its worker thread. `stop()` answers every request it has read before it returns.
public final class HTTPServer: Sendable {
    public let configuration: Configuration
    private let handler: HTTPHandler
    private let state = Mutex(State())

    private struct State {
        var running: Running?
        var lastPort: UInt16?
        var lastAddress: SocketAddress?
        var descriptorLimit: DescriptorLimit?
    }

    /// The daemon handle and the context retained for it. MHD daemons may be
    /// stopped and queried from any thread, hence @unchecked.
    private struct Running: @unchecked Sendable {
        let daemon: OpaquePointer
        let context: Unmanaged<ServerContext>
    }

    public init(configuration: Configuration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit {
        stop()
    }

    /// Binds and starts serving. Throws `invalidAddress` for a bad host and
    /// `startFailed` (with a reason such as "address in use") otherwise.
    public func start() throws {
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        try state.withLock { state in
            if state.running != nil {
                throw HTTPServerError.startFailed("server is already running")
            }
            let limits = DescriptorLimit.current(wanted: configuration.connectionLimit, threads: configuration.threads)
            guard limits.connections >= DescriptorLimit.minimumConnections else {
                throw HTTPServerError.startFailed(
                    "the file-descriptor limit (ulimit -n) is \(limits.descriptors ?? 0), which leaves room for "
                        + "\(limits.connections) connections, fewer than \(DescriptorLimit.minimumConnections); "
                        + "raise it (ulimit -n 1024)")
            }
            let limit = limits.connections
            let context = Unmanaged.passRetained(
                ServerContext(
                    handler: handler, maxBodyBytes: configuration.maxBodyBytes,
                    passesRejectedRequests: configuration.passesRejectedRequests,
                    sendsDateHeader: configuration.sendsDateHeader, connectionLimit: limit,
                    accessLog: configuration.accessLog))
            let daemon = address.withSockaddr { sockaddr, _ in
                var settings = daemonSettings(
                    address: address, sockaddr: sockaddr, daemonConnectionLimit: limit + limits.refusalMargin)
                settings.cls = context.toOpaque()
                return scim_mhd_start_daemon(&settings)
            }
            guard let daemon else {
                context.release()
                throw HTTPServerError.startFailed(address.bindFailureReason())
            }
            state.running = Running(daemon: daemon, context: context)
            state.lastPort = scim_mhd_bind_port(daemon)
            state.lastAddress = address
            state.descriptorLimit = limits
        }
    }

    /// MHD's own connection limit is `DescriptorLimit.refusalMargin` above ours, so that MHD keeps
    /// accepting connections for us to refuse (see `daemonNotifyConnection`).
    private func daemonSettings(
        address: SocketAddress, sockaddr: UnsafePointer<sockaddr>,
        daemonConnectionLimit: Int
    ) -> scim_mhd_settings {
        scim_mhd_settings(
            flags: Self.daemonFlags(ipv6: address.isIPv6, dateHeader: configuration.sendsDateHeader),
            port: address.port, bind_address: sockaddr,
            thread_pool_size: UInt32(clamping: max(1, configuration.threads)),
            connection_timeout: configuration.connectionTimeoutSeconds,
            connection_memory_limit: Self.connectionMemoryLimit,
            connection_limit: UInt32(clamping: daemonConnectionLimit),
            cls: nil, handler: daemonAccessHandler, completed: daemonRequestCompleted,
            uri_log: daemonURILog, notify_connection: daemonNotifyConnection, logger: daemonLog)
    }

    /// Most client connections served at once: `Configuration.connectionLimit`, lowered to
    /// what RLIMIT_NOFILE allows when the server was started.
    public var connectionLimit: Int {
        state.withLock { $0.descriptorLimit?.connections } ?? configuration.connectionLimit
    }

    /// The file-descriptor limit (RLIMIT_NOFILE's soft limit) in force since the server started, after
    /// raising it to the hard limit when needed; nil when unlimited, or before the start.
    public var descriptorLimit: Int? {
        state.withLock { $0.descriptorLimit?.descriptors }
    }

    /// The bound port once started (the real one when 0 was configured);
    /// the configured port before that.
    public var port: UInt16 {
        state.withLock { $0.lastPort } ?? configuration.port
    }

    /// Base URL such as "http://127.0.0.1:4010" or "http://[::1]:4010".
    public var url: String {
        let address = state.withLock { $0.lastAddress } ?? (try? SocketAddress(host: configuration.host, port: 0))
        guard let address else { return "http://\(configuration.host):\(port)" }
        return "http://\(address.hostPort(port))"
    }

    /// Stops gracefully: stops accepting, closes the connections on which no request is under way,
    /// and lets every request already read finish and get its answer (with `Connection: close`).
    /// Delayed answers go out at once; open streams end (their `onClose` handlers run). A request
    /// still unfinished after `grace` is refused with 503 if its handler has not started (never
    /// applied silently), or cut off if its client does not take the answer.
    /// Idempotent and thread-safe; do not call it from inside a handler (it would wait for it).
    @discardableResult
    public func stop(grace: Duration = HTTPServer.defaultStopGrace) -> StopReport {
        guard
            let running = state.withLock({ state in
                defer { state.running = nil }
                return state.running
            })
        else { return StopReport() }
        let context = running.context.takeUnretainedValue()
        let report = GracefulStop(context: context, daemon: running.daemon).run(grace: grace)
        MHD_stop_daemon(running.daemon)
        running.context.release()
        return report
    }

    /// How long a stop waits for requests under way, unless told otherwise (`serve --stop-timeout`).
    public static let defaultStopGrace = Duration.seconds(10)

    /// Requests whose per-request state is still allocated.
    var openRequestCount: Int {
        state.withLock { $0.running?.context.takeUnretainedValue().openRequests.load(ordering: .relaxed) } ?? 0
    }

    /// Client connections open right now.
    var openConnectionCount: Int {
        state.withLock { $0.running?.context.takeUnretainedValue().openConnections.load(ordering: .relaxed) } ?? 0
    }

    /// The host the listening socket is really bound to, from getsockname.
    var boundHost: String? {
        state.withLock { state in
            guard let daemon = state.running?.daemon else { return nil }
            let fd = scim_mhd_listen_fd(daemon)
            return fd >= 0 ? SocketAddress.boundHost(of: fd) : nil
        }
    }

    /// Internal polling thread pool, with epoll (or poll) when MHD has it;
    /// select() would cap connections at FD_SETSIZE. Error logging is on
    /// because some of MHD's messages are acted on (see `daemonLog`).
    private static func daemonFlags(ipv6: Bool, dateHeader: Bool) -> UInt32 {
        var flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_ERROR_LOG.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if !dateHeader {
            flags |= MHD_USE_SUPPRESS_DATE_NO_CLOCK.rawValue
        }
        if MHD_is_feature_supported(.FEATURE_EPOLL) == .YES {
            flags |= MHD_USE_EPOLL.rawValue
        } else if MHD_is_feature_supported(.FEATURE_POLL) == .YES {
            flags |= MHD_USE_POLL.rawValue
        }
        if ipv6 {
            flags |= MHD_USE_IPv6.rawValue
        }
        return flags
    }
}
