import HTTPServer
import Services
import Store

/// What every dashboard page starts from: the request's parameters (empty form fields dropped, as a GET
/// form sends every field), the accounts and IdPs for the pickers, and the account and IdPs picked.
struct DashboardView {
    let request: RouteRequest
    let accounts: [(account: String, idps: [IdentityProvider])]
    /// The account the query named, if any.
    let requestedAccount: String?
    /// The account shown: the one named, else the first.
    let account: String?

    init(_ request: RouteRequest, service: DashboardService) throws {
        var cleaned = request
        cleaned.http.query = QueryParameters(parsing: Self.droppingEmptyValues(request.http.rawQuery))
        self.request = cleaned
        accounts = try service.accounts()
        requestedAccount = try cleaned.parameters.string("account_id")
        account = requestedAccount ?? accounts.first?.account
    }

    var parameters: ParameterReader { request.parameters }

    /// The IdPs of the account shown.
    var idps: [IdentityProvider] { accounts.first { $0.account == account }?.idps ?? [] }

    func idpName(_ id: String) -> String { idps.first { $0.id == id }?.name ?? id }

    /// The logs page's query, by the v4 route's own parsing; no IdP named means all of the account's.
    func logQuery() throws -> LogQuery {
        let named = try parameters.strings("idp_id")
        return try CloudflareRoutes.logQuery(parameters, account: account ?? "", idps: named.isEmpty ? idps.map(\.id) : named)
    }

    /// The one IdP a list or resource page is about: the one named (404 unless it is the account's), else the first.
    func requireSingleIdP() throws -> IdentityProvider {
        if let named = try parameters.string("idp_id") {
            guard let idp = idps.first(where: { $0.id == named }) else {
                throw DashboardError(status: 404, message: "Account \(account ?? "(none)") has no identity provider \(named).")
            }
            return idp
        }
        guard let first = idps.first else {
            throw DashboardError(status: 404, message: "Account \(account ?? "(none)") has no identity provider yet.")
        }
        return first
    }

    /// `http://HOST`, from the request's Host header.
    var origin: String { "http://" + (request.http.headers["Host"] ?? "127.0.0.1") }

    /// As the SCIM surface builds `meta.location` for a request to `/scim/v2` on this host.
    var scimBaseURL: String { origin + "/scim/v2" }

    /// The query as sent, empty values dropped, less `excluded` names: what links to other pages of the
    /// same view carry.
    func carried(excluding excluded: Set<String> = []) -> [(name: String, value: String)] {
        request.http.query.items.filter { !excluded.contains($0.name) }
    }

    static func droppingEmptyValues(_ rawQuery: String) -> String {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            guard let equals = pair.firstIndex(of: "=") else { return false }
            return pair.index(after: equals) != pair.endIndex
        }.joined(separator: "&")
    }
}
