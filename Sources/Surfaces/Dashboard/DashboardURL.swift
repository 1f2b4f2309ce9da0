import Replay

/// A dashboard or API address built from a path and query values, each value form-encoded, so a
/// stored id or email in a link can neither end the attribute nor add a parameter.
struct DashboardURL {
    private(set) var text: String
    private var hasQuery: Bool

    init(_ path: String) {
        text = path
        hasQuery = path.contains("?")
    }

    /// Adds `name=value` unless `value` is nil or empty.
    func adding(_ name: String, _ value: String?) -> DashboardURL {
        guard let value, !value.isEmpty else { return self }
        var copy = self
        copy.text += (hasQuery ? "&" : "?") + Self.encode(name) + "=" + Self.encode(value)
        copy.hasQuery = true
        return copy
    }

    func adding(_ name: String, _ values: [String]) -> DashboardURL {
        values.reduce(self) { $0.adding(name, $1) }
    }

    func adding(_ pairs: [(name: String, value: String)]) -> DashboardURL {
        pairs.reduce(self) { $0.adding($1.name, $1.value) }
    }

    static func encode(_ value: String) -> String { TrafficExporter.encode(value) }
}
