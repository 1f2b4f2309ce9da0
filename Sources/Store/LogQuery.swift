import JSON
import SCIM

/// The update-log list's filters, already validated.
public struct LogQuery: Sendable {
    /// nil: every account (the live tail without `account_id`).
    public var accountID: String?
    public var idpIDs: [String]
    public var cfResourceIDs: [String] = []
    public var idpResourceIDs: [String] = []
    public var userEmails: [String] = []
    public var groupNames: [String] = []
    public var methods: [UpdateLog.Method] = []
    public var resourceTypes: [UpdateLog.ResourceType] = []
    public var statuses: [UpdateLog.Status] = []
    public var since: Timestamp?
    public var until: Timestamp?
    public var ascending = false
    public var window: PageWindow

    public init(accountID: String?, idpIDs: [String], window: PageWindow) {
        self.accountID = accountID
        self.idpIDs = idpIDs
        self.window = window
    }
}
