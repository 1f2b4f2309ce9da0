/// A fixture that cannot be loaded: the file, the JSON path of the offending value, and why.
public struct FixtureError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var path: String
    public var reason: String
    /// Set when the fixture was fine but storing it failed: the status is then the store's (507 for a full
    /// disk, else 500), not a bad fixture's 400, and `reason` is the store's message for users (no SQL).
    public var storageStatus: Int?

    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    init(file: String, storage error: StoreError) {
        self.init(file: file, path: "$", reason: error.userMessage)
        storageStatus = error.isStorageFull ? 507 : 500
    }

    public var description: String { "\(file): \(path): \(reason)" }
}
