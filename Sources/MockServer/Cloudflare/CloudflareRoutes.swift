import HTTPServer
import SCIM

/// The three Cloudflare v4 list endpoints, at `/client/v4/accounts/...` and bare `/accounts/...`.
public struct CloudflareRoutes: Sendable {
    let store: Store
    let auth: AuthPolicy

    public init(store: Store, auth: AuthPolicy) {
        self.store = store
        self.auth = auth
    }

    public static let prefixes = ["/client/v4", ""]

    public func register(in router: inout Router) {
        for prefix in Self.prefixes {
            let accounts = prefix + "/accounts/{account_id}/access"
            router.add("GET", accounts + "/logs/scim/updates", respond(listUpdateLogs))
            router.add("GET", accounts + "/identity_providers/{idp_id}/scim/users", respond(listUsers))
            router.add("GET", accounts + "/identity_providers/{idp_id}/scim/groups", respond(listGroups))
        }
    }

    /// Authenticates, runs the handler, and turns any error into the v4 envelope.
    private func respond(_ handler: @escaping @Sendable (HTTPRequest, PathParameters) throws -> HTTPResponse) -> Router.Route {
        let auth = self.auth
        return { request, parameters in
            do {
                try auth.check(request.headers)
                return try handler(request, parameters)
            } catch {
                return ErrorResponses.v4(error)
            }
        }
    }

    private func accountID(_ parameters: PathParameters) throws(CloudflareError) -> String {
        let id = parameters["account_id"] ?? ""
        guard id.count <= 32 else { throw .invalidParameter("account_id", "must be at most 32 characters, got \(id.count)") }
        return id
    }

    private func identityProvider(_ parameters: PathParameters, account: String) throws -> String {
        let id = parameters["idp_id"] ?? ""
        guard id.count <= 36 else {
            throw CloudflareError.invalidParameter("identity_provider_id", "must be at most 36 characters, got \(id.count)")
        }
        guard try store.identityProvider(id, account: account) != nil else {
            throw CloudflareError.identityProviderNotFound(id, account: account)
        }
        return id
    }

    private func listUpdateLogs(_ request: HTTPRequest, _ parameters: PathParameters) throws -> HTTPResponse {
        let account = try accountID(parameters)
        let q = QueryReader(query: request.query)
        let idps = try q.strings("idp_id", required: true)
        let window = PageWindow(page: try q.page(), perPage: try q.int("per_page", min: 1, max: 1000) ?? 20,
                                cap: try q.int("limit", min: 1))
        var query = LogQuery(accountID: account, idpIDs: idps, window: window)
        query.cfResourceIDs = try q.strings("cf_resource_id")
        query.idpResourceIDs = try q.strings("idp_resource_id")
        query.userEmails = try q.strings("resource_user_email")
        query.groupNames = try q.strings("resource_group_name")
        query.methods = try q.enums("request_method", UpdateLog.Method.self)
        query.resourceTypes = try q.enums("resource_type", UpdateLog.ResourceType.self)
        query.statuses = try q.enums("status", UpdateLog.Status.self)
        query.since = try q.timestamp("since")
        query.until = try q.timestamp("until")
        switch try q.string("direction") {
        case nil, "desc": query.ascending = false
        case "asc": query.ascending = true
        case let other?: throw CloudflareError.invalidParameter("direction", "must be one of desc, asc, got \"\(other)\"")
        }
        if let since = query.since, let until = query.until, since > until {
            throw CloudflareError.invalidParameter("since", "is later than until")
        }
        let page = try store.updateLogs(query)
        return V4Envelope.list(page) { w, log in log.write(to: &w) }
    }

    private func resourceQuery(_ request: HTTPRequest, _ parameters: PathParameters) throws -> (ResourceQuery, QueryReader) {
        let account = try accountID(parameters)
        let idp = try identityProvider(parameters, account: account)
        let q = QueryReader(query: request.query)
        var query = ResourceQuery(idpID: idp, window: PageWindow(page: try q.page(), perPage: try q.int("per_page", min: 1, max: 100) ?? 100))
        query.ids = try q.strings("cf_resource_id", maxCount: 50)
        query.externalIDs = try q.strings("idp_resource_id", maxCount: 50)
        query.name = try q.string("name")
        return (query, q)
    }

    private func listUsers(_ request: HTTPRequest, _ parameters: PathParameters) throws -> HTTPResponse {
        var (query, q) = try resourceQuery(request, parameters)
        query.userName = try q.string("username")
        query.email = try q.string("email")
        return V4Envelope.list(try store.users(query)) { w, json in w.raw(json) }
    }

    private func listGroups(_ request: HTTPRequest, _ parameters: PathParameters) throws -> HTTPResponse {
        let (query, _) = try resourceQuery(request, parameters)
        return V4Envelope.list(try store.groups(query)) { w, json in w.raw(json) }
    }
}
