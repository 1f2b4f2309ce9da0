/// The answers an operation gets from the store's state rather than from its own rules, added to the
/// operations they can reach: a SCIM request for an account a reset or fixture load is rebuilding, or
/// any write when the disk of the database is full (see the README's "Storage"). Nothing was applied.
enum StoreResponses {
    static func responses(for route: Route) -> [RouteResponse] {
        switch route.surface {
        case .scim:
            [RouteResponse(503, "The account is being reset or loaded, or the disk is full: nothing was applied", body: scim)]
        case .admin where writesTheStore.contains(route.name):
            [RouteResponse(507, "The disk is full: nothing was written (no restart needed once space is freed)", body: admin)]
        case .cloudflare, .admin, .dashboard: []
        }
    }

    private static let scim = TransportResponses.errorBody(.scim)
    private static let admin = TransportResponses.errorBody(.admin)

    /// The admin operations that write the database (fault rules, the clock and the journal live in memory).
    static let writesTheStore: Set<String> = [
        "POST /__admin/reset", "POST /__admin/fixtures", "DELETE /__admin/accounts/{account_id}",
    ]
}
