import JSON
import SCIM
import Store

/// The history of a user or group: every update log that touched it, each with the resource's state
/// after that write, as the SCIM surface presents it, and a diff against the state before. Reads one
/// page of versions (and the one state before it) from the store, so its cost follows the page size.
public struct ResourceHistoryService: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public func history(_ query: HistoryQuery) throws -> ResourceHistory {
        let tenant = try tenant(query.idpID, account: query.accountID)
        let page = try store.versions(query.kind, id: query.resourceID, tenant: tenant, window: query.window)
        guard page.versions.totalCount > 0 else { throw HistoryError.resourceNotFound(query.kind, id: query.resourceID) }
        let presenter = SCIMPresenter(kind: query.kind, context: SCIMContext(tenant: tenant, baseURL: query.baseURL))
        var previous = page.baseline
        var previousState = previous.map { presenter.present($0, Projection()) }
        var entries: [ResourceHistory.Entry] = []
        for version in page.versions.items.reversed() {
            let after: SCIMRecord? =
                switch version.change {
                case .SEEDED, .WRITTEN: version.record
                case .DELETED: nil
                case .UNCHANGED: previous
                }
            let state = after.map { presenter.present($0, Projection()) }
            entries.append(
                ResourceHistory.Entry(
                    versionID: version.id, change: version.change, logID: version.logID, log: version.log, state: state,
                    etag: after.map { SCIMPresenter.etag($0.resource.version) },
                    diff: ResourceDiff(from: previousState, to: state)))
            previous = after
            previousState = state
        }
        return ResourceHistory(
            entries: entries.reversed(), totalCount: page.versions.totalCount, window: page.versions.window)
    }

    private func tenant(_ idp: String, account: String) throws -> SCIMTenant {
        guard let tenant = try store.tenant(forIdentityProvider: idp), tenant.idp.accountID == account else {
            throw HistoryError.identityProviderNotFound(idp: idp, account: account)
        }
        return tenant
    }
}
