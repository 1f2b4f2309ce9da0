import HTTPServer
import SCIM

/// Identifies the IdP from its SCIM secret (`Authorization: Bearer <secret>`), as Cloudflare does.
/// On `/populations/{idp_id}/...` the secret must belong to that IdP.
struct SCIMAuthenticator: Sendable {
    let store: Store

    static func unauthorized(_ detail: String) -> SCIMError { SCIMError(status: 401, detail: detail) }

    func authenticate(_ request: HTTPRequest, idpInPath: String?) throws -> SCIMContext {
        guard let header = request.headers["Authorization"] else {
            throw Self.unauthorized("missing Authorization header: send the identity provider's SCIM secret as a Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("Authorization must be 'Bearer <SCIM secret>'")
        }
        guard let (idp, pk) = try store.identityProvider(forSecret: String(parts[1])) else {
            throw Self.unauthorized("the SCIM secret is not valid for any identity provider")
        }
        if let idpInPath, idpInPath != idp.id {
            throw Self.unauthorized("the SCIM secret is not valid for identity provider \(idpInPath)")
        }
        return SCIMContext(idp: idp, idpPK: pk, baseURL: SCIMContext.baseURL(for: request, idpInPath: idpInPath))
    }
}
