/// Why a server could not be started.
public enum HTTPServerError: Error, CustomStringConvertible, Equatable {
    /// The configured host is not an IPv4/IPv6 literal or "localhost".
    case invalidAddress(String)
    /// The daemon did not start; the string says why, e.g. the port is taken.
    case startFailed(String)

    public var description: String {
        switch self {
        case .invalidAddress(let host):
            "invalid listen address \"\(host)\": expected an IPv4 or IPv6 literal or \"localhost\""
        case .startFailed(let reason):
            "could not start HTTP server: \(reason)"
        }
    }
}
