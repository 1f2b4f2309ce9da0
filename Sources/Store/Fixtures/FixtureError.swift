/// A fixture that cannot be loaded: the file, the JSON path of the offending value, and why.
public struct FixtureError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var path: String
    public var reason: String

    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(file): \(path): \(reason)" }
}
