import SCIM
import Store

/// Who is calling and where: the tenant the SCIM secret (and the `/populations/{idp_id}` path) names,
/// and the base URL that `meta.location` and `Location` are built from.
public struct SCIMContext: Sendable {
    public var tenant: SCIMTenant
    /// `http://HOST/scim/v2` or `http://HOST/populations/ID/scim/v2`.
    public var baseURL: String

    public init(tenant: SCIMTenant, baseURL: String) {
        self.tenant = tenant
        self.baseURL = baseURL
    }

    func location(_ kind: SCIMResourceKind, _ id: String) -> String { "\(baseURL)/\(kind.endpoint)/\(id)" }
}
