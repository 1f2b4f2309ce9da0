import HTTPServer
import JSON
import SCIM
import Services
import Store

/// The one place errors become HTTP answers, per API surface. Errors of other layers are internal faults:
/// 500, with the cause in the message for a mock's user to read. A storage failure is told in the user's
/// words (`StoreError.userMessage`; the SQL goes to the log): a full disk is 507 Insufficient Storage where
/// the surface has it, 503 on SCIM (`StoreError.scimError`).
enum ErrorResponses {
    static func render(_ error: any Error, for surface: Surface) -> HTTPResponse {
        switch surface {
        case .cloudflare: v4(error)
        case .scim: scim(error)
        case .admin: admin(error)
        case .dashboard: dashboard(error)
        }
    }

    /// A v4 envelope.
    static func v4(_ error: any Error) -> HTTPResponse {
        switch error {
        case let error as CloudflareError: V4Envelope.error(error)
        case RouteError.invalidParameter(let name, let reason): V4Envelope.error(.invalidParameter(name, reason))
        case let error as StoreError:
            V4Envelope.error(CloudflareError(status: storageStatus(error), code: 1000, message: error.userMessage))
        default: V4Envelope.error(.internal(String(describing: error)))
        }
    }

    /// An RFC 7644 §3.12 error body.
    static func scim(_ error: any Error) -> HTTPResponse {
        let failure: SCIMError =
            switch error {
            case let error as SCIMError: error
            case RouteError.invalidParameter(let name, let reason): .invalidValue("\(name) \(reason)")
            case let error as StoreError: error.scimError
            default: SCIMError(status: 500, detail: "internal error: \(error)")
            }
        var body = JSONObject([
            ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")])),
            ("status", .string(String(failure.status))),
        ])
        if let type = failure.scimType { body["scimType"] = .string(type) }
        body["detail"] = .string(failure.detail)
        var response = SCIMResponses.json(failure.status, body)
        if failure.status == 401 { response.headers.set("WWW-Authenticate", "Bearer realm=\"scim-mock\"") }
        return response
    }

    /// `{"success":false,"error":"…"}` (and `path` for a bad fixture) for the admin API.
    static func admin(_ error: any Error) -> HTTPResponse {
        let failure: AdminError =
            switch error {
            case let error as AdminError: error
            case RouteError.invalidParameter(let name, let reason): AdminError(status: 400, message: "\(name) \(reason)")
            case let error as StoreError: AdminError(status: storageStatus(error), message: error.userMessage)
            default: AdminError(status: 500, message: "internal error: \(error)")
            }
        var body = JSONObject([("success", .bool(false)), ("error", .string(failure.message))])
        if let path = failure.path { body["path"] = .string(path) }
        var response = AdminRoutes.json(failure.status, body)
        if failure.status == 401 { response.headers.set("WWW-Authenticate", "Bearer realm=\"scim-mock admin\"") }
        return response
    }

    /// For the dashboard, an HTML page with the status and the message (escaped); for a client that does not
    /// ask for HTML (`scim-mock tail`, curl), the same as one line of plain text. Both with the security headers.
    static func dashboard(_ error: any Error, html: Bool = true) -> HTTPResponse {
        let (status, message): (Int, String) =
            switch error {
            case let error as DashboardError: (error.status, error.message)
            case let error as HistoryError: (error.status, error.description)
            case let error as CloudflareError: (error.status, error.message)
            case let error as SCIMError: (error.status, error.detail)
            case let error as AdminError: (error.status, error.message)
            case let error as RouteError: (error.isInvalidParameter ? 400 : 500, error.description)
            case let error as StoreError: (storageStatus(error), error.userMessage)
            default: (500, "internal error: \(error)")
            }
        var response =
            html
            ? DashboardErrorPage.render(status: status, message: message)
            : DashboardErrorPage.plain(status: status, message: message)
        if status == 401 { response.headers.set("WWW-Authenticate", "Bearer realm=\"scim-mock dashboard\"") }
        return response
    }

    /// 507 Insufficient Storage (RFC 4918 §11.5) for a full disk, else 500.
    private static func storageStatus(_ error: StoreError) -> Int { error.isStorageFull ? 507 : 500 }
}
