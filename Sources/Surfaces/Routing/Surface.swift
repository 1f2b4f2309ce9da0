/// The API surfaces scim-mock serves; each answers errors in its own format.
public enum Surface: String, Sendable, CaseIterable {
    case cloudflare, scim, admin
}
