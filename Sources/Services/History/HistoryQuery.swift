import SCIM
import Store

/// Which resource's history to read, and which page of it (newest first).
public struct HistoryQuery: Sendable {
    public var accountID: String
    public var idpID: String
    public var kind: SCIMResourceKind
    public var resourceID: String
    /// What `meta.location` and `$ref` are built from, as on the SCIM surface: `http://HOST/scim/v2`.
    public var baseURL: String
    /// Clamped to pages of 1 to `maxPerPage` entries and page numbers that cannot overflow the offset.
    public var window: PageWindow

    public static let maxPerPage = 500

    public init(
        accountID: String, idpID: String, kind: SCIMResourceKind, resourceID: String, baseURL: String,
        window: PageWindow = PageWindow(page: 1, perPage: 50)
    ) {
        self.accountID = accountID
        self.idpID = idpID
        self.kind = kind
        self.resourceID = resourceID
        self.baseURL = baseURL
        self.window = PageWindow(
            page: min(window.page, Int(Int32.max)), perPage: min(max(window.perPage, 1), Self.maxPerPage))
    }
}
