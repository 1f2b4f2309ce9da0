/// An error of the admin API: its status and a message; answered as `{"success":false,"error":…}`.
public struct AdminError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    /// For a bad fixture: the JSON path of the offending value.
    public var path: String?

    public init(status: Int, message: String, path: String? = nil) {
        self.status = status
        self.message = message
        self.path = path
    }
}
