import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// A SCIM answer: status, headers, and the JSON body when there is one.
struct SCIMAnswer {
    var status: Int
    var headers: HTTPHeaders
    var json: JSONObject

    var resources: [JSONObject] { json["Resources"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
    var id: String { json["id"]?.stringValue ?? "" }
}

/// Sends a SCIM request in-process with an IdP's secret (Okta's by default).
func scim(
    _ app: MockApplication, _ method: String, _ target: String, _ body: String? = nil,
    secret: String? = "okta-scim-secret", headers extra: [(String, String)] = []
) throws -> SCIMAnswer {
    var headers = HTTPHeaders(extra)
    if let secret { headers.add("Authorization", "Bearer \(secret)") }
    if body != nil, headers["Content-Type"] == nil { headers.add("Content-Type", "application/scim+json") }
    headers.add("Host", "127.0.0.1:4010")
    let response = app.handle(HTTPRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8)))
    let json = response.body.isEmpty ? JSONObject() : try #require(try JSONReader.parse(response.body).objectValue)
    return SCIMAnswer(status: response.status, headers: response.headers, json: json)
}

/// The update logs of an IdP, oldest first, through the Cloudflare read API.
func updateLogs(_ app: MockApplication, idp: String = okta, since: String = "2026-01-01T00:00:00Z") throws -> [JSONObject] {
    try call(
        app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(idp)&direction=asc&per_page=1000&since=\(since)"
    ).json.result
}

let userURN = "urn:ietf:params:scim:schemas:core:2.0:User"
let groupURN = "urn:ietf:params:scim:schemas:core:2.0:Group"
let patchURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
