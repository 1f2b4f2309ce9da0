import Glibc

/// A parsed listen address, turned into the `sockaddr` MHD needs for
/// MHD_OPTION_SOCK_ADDR (without it MHD binds every interface).
///
/// Only literals are accepted so a typo cannot silently widen exposure
/// through DNS; "localhost" is special-cased to 127.0.0.1.
struct SocketAddress: Sendable {
    enum Family: Sendable {
        case ipv4(sockaddr_in)
        case ipv6(sockaddr_in6)
    }

    /// The numeric host, normalised ("localhost" becomes "127.0.0.1").
    let host: String
    let port: UInt16
    let family: Family

    init(host: String, port: UInt16) throws {
        let literal = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(port).bigEndian
            family = .ipv4(v4)
        } else if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(port).bigEndian
            family = .ipv6(v6)
        } else {
            throw HTTPServerError.invalidAddress(host)
        }
        self.host = literal
        self.port = port
    }

    var isIPv6: Bool {
        if case .ipv6 = family { return true }
        return false
    }

    /// "127.0.0.1:80" or "[::1]:80", as used in URLs and messages.
    func hostPort(_ port: UInt16) -> String {
        isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch family {
        case .ipv4(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// MHD reports no reason when it fails to start, so after a failure we
    /// bind the same address ourselves (with SO_REUSEADDR, as MHD does) and
    /// describe the errno we get.
    func bindFailureReason() -> String {
        let domain = isIPv6 ? AF_INET6 : AF_INET
        let fd = socket(domain, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "could not create a socket: \(Self.describe(errno))" }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = withSockaddr { bind(fd, $0, $1) }
        guard result != 0 else {
            return "libmicrohttpd could not start a daemon on \(hostPort(port)) (the address itself can be bound)"
        }
        return "could not bind \(hostPort(port)): \(Self.describe(errno))"
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case EADDRINUSE: "address in use"
        case EADDRNOTAVAIL: "address not available on this machine"
        case EACCES: "permission denied"
        default: String(cString: strerror(code))
        }
    }

    /// The address a socket is actually bound to, e.g. to verify we did not
    /// bind all interfaces.
    static func boundHost(of fd: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            var address = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self) }
            guard inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count)) != nil else { return nil }
        case AF_INET6:
            var address = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self) }
            guard inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count)) != nil else { return nil }
        default:
            return nil
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
