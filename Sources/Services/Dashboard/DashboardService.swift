import JSON
import SCIM
import Store

/// What the dashboard's pages read, all of it read-only: the logs through the v4 API's own query
/// (`CloudflareService`), the accounts and IdPs for the pickers, one log with its neighbours, and a
/// resource as `GET /Users/{id}` returns it (through `SCIMService`, so it is the same JSON), and its
/// history (`ResourceHistoryService`).
public struct DashboardService: Sendable {
    public let cloudflare: CloudflareService
    let scim: SCIMService
    let store: Store
    public let history: ResourceHistoryService

    public init(store: Store, cloudflare: CloudflareService, scim: SCIMService) {
        self.store = store
        self.cloudflare = cloudflare
        self.scim = scim
        history = ResourceHistoryService(store: store)
    }

    public func accounts() throws -> [(account: String, idps: [IdentityProvider])] {
        try store.accountsWithIdentityProviders()
    }

    public func log(id: Int64, account: String?) throws -> UpdateLogDetail? {
        try store.updateLog(id: id, account: account)
    }

    /// The resource as SCIM's GET answers it (meta.location under `scimBaseURL`), or nil when the IdP
    /// holds no such resource.
    public func resource(_ kind: SCIMResourceKind, id: String, idp: String, scimBaseURL: String) throws -> JSONObject? {
        guard let tenant = try store.tenant(forIdentityProvider: idp) else { return nil }
        let context = SCIMContext(tenant: tenant, baseURL: scimBaseURL)
        do {
            if case .resource(let object, _) = try scim.get(kind, id: id, context, projection: Projection(), ifNoneMatch: nil) {
                return object
            }
            return nil
        } catch let error as SCIMError where error.status == 404 {
            return nil
        }
    }
}
