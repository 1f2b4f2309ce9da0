import HTTPServer
import SCIM
import Services
import Store

/// The three Cloudflare v4 list endpoints, at `/client/v4/accounts/...` and bare `/accounts/...`, with
/// the parameters of Cloudflare's own description of them.
struct CloudflareRoutes: Sendable {
    let service: CloudflareService

    static let prefixes = ["/client/v4", ""]

    var routes: [Route] {
        Self.prefixes.flatMap { prefix in
            let access = prefix + "/accounts/{account_id}/access"
            let idp = access + "/identity_providers/{identity_provider_id}/scim"
            return [
                Route(
                    "GET", access + "/logs/scim/updates", surface: .cloudflare, summary: "List SCIM update logs",
                    parameters: [Self.account] + Self.logParameters, responses: Self.responses("UpdateLog"),
                    handler: listUpdateLogs),
                Route(
                    "GET", idp + "/users", surface: .cloudflare, summary: "List SCIM User resources",
                    parameters: Self.resourceParameters + Self.userParameters, responses: Self.responses("SCIM User"),
                    handler: listUsers),
                Route(
                    "GET", idp + "/groups", surface: .cloudflare, summary: "List SCIM Group resources",
                    parameters: Self.resourceParameters, responses: Self.responses("SCIM Group"), handler: listGroups),
            ]
        }
    }

    private func listUpdateLogs(_ request: RouteRequest) throws -> HTTPResponse {
        let q = request.parameters
        let query = try Self.logQuery(q, account: try q.path("account_id"), idps: try q.strings("idp_id"))
        return V4Envelope.list(try service.updateLogs(query)) { w, log in log.write(to: &w) }
    }

    /// The update-log filters of `logParameters`, read and checked: the v4 route and the dashboard's logs
    /// page both call this, so a filter means the same on both.
    static func logQuery(_ q: ParameterReader, account: String, idps: [String]) throws -> LogQuery {
        let window = PageWindow(page: try Self.page(q), perPage: try q.int("per_page") ?? 20, cap: try q.int("limit"))
        var query = LogQuery(accountID: account, idpIDs: idps, window: window)
        try Self.logFilters(q, into: &query)
        query.ascending = try q.choice("direction") == "asc"
        return query
    }

    /// The IdP is checked before the query, so an unknown one is 404 whatever else the query says.
    private func resourceQuery(_ q: ParameterReader, users: Bool) throws -> ResourceQuery {
        let account = try q.path("account_id")
        let idp = try q.path("identity_provider_id")
        try service.requireIdentityProvider(idp, account: account)
        return try Self.resourceQuery(q, idp: idp, users: users)
    }

    /// The user and group list filters of `resourceParameters` (and `userParameters` when declared), for
    /// an IdP already checked; shared with the dashboard's lists.
    static func resourceQuery(_ q: ParameterReader, idp: String, users: Bool = false) throws -> ResourceQuery {
        let window = PageWindow(page: try Self.page(q), perPage: try q.int("per_page") ?? 100)
        var query = ResourceQuery(idpID: idp, window: window)
        query.ids = try q.strings("cf_resource_id")
        query.externalIDs = try q.strings("idp_resource_id")
        query.name = try q.string("name")
        if users {
            query.userName = try q.string("username")
            query.email = try q.string("email")
        }
        return query
    }

    private func listUsers(_ request: RouteRequest) throws -> HTTPResponse {
        let query = try resourceQuery(request.parameters, users: true)
        return V4Envelope.list(try service.users(query)) { w, json in w.raw(json) }
    }

    private func listGroups(_ request: RouteRequest) throws -> HTTPResponse {
        let query = try resourceQuery(request.parameters, users: false)
        return V4Envelope.list(try service.groups(query)) { w, json in w.raw(json) }
    }

    /// `page` is 1-based; 0 reads as 1, as the SDK's own tests send it.
    static func page(_ q: ParameterReader) throws -> Int { max(try q.int("page") ?? 1, 1) }
}
