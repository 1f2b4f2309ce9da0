/// Values captured by `{name}` segments of a matched route pattern.
public struct PathParameters: Sendable {
    private var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(_ name: String) -> String? {
        values[name]
    }

    /// Every captured name and value, e.g. for logging.
    public var all: [String: String] { values }
}
