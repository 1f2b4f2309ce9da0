import Glibc

/// Fits the connection limit into the process's file-descriptor limit: MHD needs one
/// descriptor per connection, and a connection it cannot accept (EMFILE) makes it stop
/// accepting altogether, leaving new clients waiting in the listen backlog.
enum DescriptorLimit {
    /// `wanted`, or less if RLIMIT_NOFILE does not leave room for that many connections plus
    /// the reserve. The soft limit is first raised to the hard one when it is too low.
    static func connections(wanted: Int) -> Int {
        let overhead = HTTPServer.reservedDescriptors + HTTPServer.refusalMargin
        let unlimited = rlim_t.max  // RLIM_INFINITY, which Swift cannot import
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limits = rlimit()
        guard getrlimit(resource, &limits) == 0 else { return wanted }
        let needed = rlim_t(clamping: wanted + overhead)
        if limits.rlim_cur != unlimited, limits.rlim_cur < needed, limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max == unlimited ? needed : limits.rlim_max
            if setrlimit(resource, &raised) == 0 { limits = raised }
        }
        guard limits.rlim_cur != unlimited else { return wanted }
        return max(1, min(wanted, Int(clamping: limits.rlim_cur) - overhead))
    }
}
