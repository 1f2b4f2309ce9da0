/// The API surfaces scim-mock serves; each answers errors in its own format.
public enum Surface: String, Sendable, CaseIterable {
    case cloudflare, scim, admin
    /// `/__ui`: the dashboard's pages and its live-tail stream, for people and `scim-mock tail`.
    case dashboard
}
