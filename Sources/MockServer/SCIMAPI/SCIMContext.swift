import HTTPServer

/// Who is calling and where: the IdP the SCIM secret (and the `/populations/{idp_id}` path) names,
/// and the base URL that `meta.location` and `Location` are built from.
struct SCIMContext: Sendable {
    var idp: IdentityProvider
    var idpPK: Int64
    var baseURL: String

    func location(_ kind: SCIMResourceKind, _ id: String) -> String { "\(baseURL)/\(kind.endpoint)/\(id)" }

    /// The base URL of the request: `http://HOST/scim/v2` or `http://HOST/populations/ID/scim/v2`.
    static func baseURL(for request: HTTPRequest, idpInPath: String?) -> String {
        let host = request.headers["Host"] ?? "127.0.0.1"
        if let idpInPath { return "http://\(host)/populations/\(idpInPath)/scim/v2" }
        return "http://\(host)/scim/v2"
    }
}
