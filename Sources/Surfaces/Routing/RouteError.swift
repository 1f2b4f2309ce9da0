/// The one error type of the surfaces layer: a parameter that does not meet its route's declaration,
/// or a route table that contradicts itself. Rendered in each surface's own format.
public enum RouteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message names the parameter: "Invalid parameter 'page': must be an integer …".
    case invalidParameter(name: String, reason: String)
    case `internal`(String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason): "Invalid parameter '\(name)': \(reason)"
        case .internal(let detail): "internal error: \(detail)"
        }
    }

    /// A client's mistake (400) rather than the mock's own (500).
    public var isInvalidParameter: Bool {
        if case .invalidParameter = self { return true }
        return false
    }
}
