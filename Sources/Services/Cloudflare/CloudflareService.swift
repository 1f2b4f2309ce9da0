import SCIM
import Store

/// The three Cloudflare v4 list operations over the store, with Cloudflare's errors for an IdP that
/// is not in the account.
public struct CloudflareService: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// SCIM update logs. An unknown IdP gives an empty page, as the SDK's generated tests expect.
    public func updateLogs(_ query: LogQuery) throws -> Page<UpdateLog> {
        try store.updateLogs(query)
    }

    /// The same page as `updateLogs`, each log with its row id (the dashboard's logs page).
    public func updateLogEntries(_ query: LogQuery) throws -> Page<StoredUpdateLog> {
        try store.updateLogEntries(query)
    }

    /// Users of the IdP `query.idpID`, as stored SCIM JSON text; the caller has checked the IdP
    /// belongs to the account (`requireIdentityProvider`), before reading the rest of its query.
    public func users(_ query: ResourceQuery) throws -> Page<String> { try store.users(query) }

    /// Groups of the IdP `query.idpID`, as stored SCIM JSON text (checked as for `users`).
    public func groups(_ query: ResourceQuery) throws -> Page<String> { try store.groups(query) }

    /// 404 code 1002 unless the IdP `id` is in `account`.
    public func requireIdentityProvider(_ id: String, account: String) throws {
        guard try store.identityProvider(id, account: account) != nil else {
            throw CloudflareError.identityProviderNotFound(id, account: account)
        }
    }
}
