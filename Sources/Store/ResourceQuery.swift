/// The user and group lists' filters, already validated. Filters combine with AND.
public struct ResourceQuery: Sendable {
    public var idpID: String
    public var ids: [String] = []
    public var externalIDs: [String] = []
    /// Users only.
    public var userName: String?
    /// Users only: matches any of the user's emails.
    public var email: String?
    /// Users: the display name; groups: displayName.
    public var name: String?
    public var window: PageWindow

    public init(idpID: String, window: PageWindow) {
        self.idpID = idpID
        self.window = window
    }
}
