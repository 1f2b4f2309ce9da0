import HTTPServer
import SCIM
import JSON

/// The one place errors become HTTP answers, per API surface.
enum ErrorResponses {
    /// A v4 envelope for any error raised while serving a Cloudflare path. Errors of other layers
    /// (storage) are internal faults: 500, with the cause in the message for a mock's user to read.
    static func v4(_ error: any Error) -> HTTPResponse {
        if let error = error as? CloudflareError { return V4Envelope.error(error) }
        return V4Envelope.error(.internal(String(describing: error)))
    }

    /// An RFC 7644 §3.12 error body for any error raised while serving a SCIM path.
    static func scim(_ error: any Error) -> HTTPResponse {
        let failure = (error as? SCIMError) ?? SCIMError(status: 500, detail: "internal error: \(error)")
        var body = JSONObject([
            ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")])),
            ("status", .string(String(failure.status))),
        ])
        if let type = failure.scimType { body["scimType"] = .string(type) }
        body["detail"] = .string(failure.detail)
        var response = SCIMService.json(failure.status, body)
        if failure.status == 401 { response.headers.set("WWW-Authenticate", "Bearer realm=\"scim-mock\"") }
        return response
    }

    /// `{"success":false,"error":"…"}` (and `path` for a bad fixture) for the admin API.
    static func admin(_ error: any Error) -> HTTPResponse {
        let failure = (error as? AdminError) ?? AdminError(status: 500, message: "internal error: \(error)")
        var body = JSONObject([("success", .bool(false)), ("error", .string(failure.message))])
        if let path = failure.path { body["path"] = .string(path) }
        var response = AdminRoutes.json(failure.status, body)
        if failure.status == 401 { response.headers.set("WWW-Authenticate", "Bearer realm=\"scim-mock admin\"") }
        return response
    }
}
