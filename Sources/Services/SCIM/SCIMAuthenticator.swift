import SCIM
import Store

/// Identifies the tenant from its SCIM secret (`Authorization: Bearer <secret>`), as Cloudflare does.
/// On `/populations/{idp_id}/...` the secret must belong to that IdP.
public struct SCIMAuthenticator: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    static func unauthorized(_ detail: String) -> SCIMError { SCIMError(status: 401, detail: detail) }

    /// - Parameter authorization: the `Authorization` header as sent, if any.
    public func authenticate(authorization: String?, idpInPath: String?) throws -> SCIMTenant {
        guard let authorization else {
            throw Self.unauthorized("missing Authorization header: send the identity provider's SCIM secret as a Bearer token")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("Authorization must be 'Bearer <SCIM secret>'")
        }
        guard let tenant = try store.tenant(forSecret: String(parts[1])) else {
            throw Self.unauthorized("the SCIM secret is not valid for any identity provider")
        }
        if let idpInPath, idpInPath != tenant.idp.id {
            throw Self.unauthorized("the SCIM secret is not valid for identity provider \(idpInPath)")
        }
        return tenant
    }
}
