import Glibc

/// Fits the connection limit into the process's file-descriptor limit: MHD needs one
/// descriptor per connection, and a connection it cannot accept (EMFILE) makes it stop
/// accepting altogether, leaving new clients waiting in the listen backlog.
struct DescriptorLimit: Equatable {
    /// RLIMIT_NOFILE's soft limit in force, after raising; nil when unlimited or unknown.
    var descriptors: Int?
    /// Client connections served at once.
    var connections: Int
    /// Connections accepted over `connections` only to be answered 503 (MHD's own limit is this much higher).
    var refusalMargin: Int

    /// Fewer connections than this would make the server unusable (a browser alone opens six), so
    /// `HTTPServer.start()` refuses to start instead.
    static let minimumConnections = 8

    /// For the process as it is now: the soft limit is first raised to the hard one when it leaves
    /// no room for `wanted`; the descriptors already open (the database, its journal, logs) and
    /// those each worker thread will open (its epoll and event descriptors) are kept free.
    static func current(wanted: Int, threads: Int) -> DescriptorLimit {
        let unlimited = rlim_t.max  // RLIM_INFINITY, which Swift cannot import
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limits = rlimit()
        guard getrlimit(resource, &limits) == 0 else { return fitting(wanted: wanted, into: nil, reserved: 0) }
        let reserved = openDescriptors() + reserve(threads: threads)
        let needed = rlim_t(clamping: wanted + reserved + margin(wanted))
        if limits.rlim_cur != unlimited, limits.rlim_cur < needed, limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max == unlimited ? needed : limits.rlim_max
            if setrlimit(resource, &raised) == 0 { limits = raised }
        }
        let limit = limits.rlim_cur == unlimited ? nil : Int(clamping: limits.rlim_cur)
        return fitting(wanted: wanted, into: limit, reserved: reserved)
    }

    /// The arithmetic: what is left of `limit` after `reserved` is shared between the connections
    /// served and a refusal margin of an eighth of them (at most 64), so that a limit of 64 still
    /// serves dozens of connections rather than one.
    static func fitting(wanted: Int, into limit: Int?, reserved: Int) -> DescriptorLimit {
        let wanted = max(1, wanted)
        guard let limit else { return DescriptorLimit(descriptors: nil, connections: wanted, refusalMargin: margin(wanted)) }
        let free = max(0, limit - reserved)
        let connections = min(wanted, free - min(64, free / 9))
        return DescriptorLimit(descriptors: limit, connections: max(0, connections), refusalMargin: min(64, free / 9))
    }

    /// Descriptors a running server opens beyond those open at start: per worker its epoll and
    /// event descriptors, plus SQLite's temporary files and the odd log or export file.
    static func reserve(threads: Int) -> Int { 2 * max(1, threads) + 16 }

    private static func margin(_ connections: Int) -> Int { min(64, max(1, connections / 8)) }

    /// Counts `/proc/self/fd`; when it cannot be read, assumes the usual handful.
    private static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 16 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { count += 1 }
        }
        return count
    }
}
