import HTTPServer
import JSON
import SCIM
import Store

/// The SCIM provisioning logs page: the columns and words of Cloudflare's dashboard, in its order,
/// a GET form whose fields are the v4 endpoint's parameters, paging, the same view as an API call,
/// and the hooks the live-tail script reads (`data-events`, `data-poll`, `data-last-id`).
struct LogsPage {
    let view: DashboardView
    let query: LogQuery
    let page: Page<StoredUpdateLog>

    /// Cloudflare's column names, in its order (seed 002).
    static let columns = [
        "IdP name", "Timestamp", "Action", "User email", "Group name", "Resource type", "CF resource ID",
        "IDP resource ID", "Outcome",
    ]

    func render() -> HTTPResponse {
        DashboardPage.render(title: DashboardPage.Section.logs.title, section: .logs, account: view.account) { w in
            LogFilterForm(view: view, query: query).write(&w)
            writeLive(&w)
            writeTable(&w)
            writePager(&w)
            writeAPICall(&w)
        }
    }

    private var isLive: Bool { query.window.page == 1 && !query.ascending }

    private func writeLive(_ w: inout HTMLWriter) {
        let filters = view.carried(excluding: ["page", "direction"])
        let events = DashboardURL(DashboardRoutes.prefix + "/logs/events").adding(filters).text
        let poll = DashboardURL(DashboardRoutes.prefix + "/logs/poll").adding(filters).text
        let lastID = page.items.map(\.id).max().map(String.init) ?? "0"
        guard isLive else {
            w.element("p", "Live updates follow the first page, newest first.", ["class": "note", "id": "live-off"])
            return
        }
        var names = JSONWriter()
        names.value(.object(JSONObject(view.idps.map { ($0.id, JSONValue.string($0.name)) })))
        w.open(
            "div",
            [
                "class": "live", "id": "live", "data-events": events, "data-poll": poll, "data-last-id": lastID,
                "data-per-page": String(query.window.perPage), "data-account": view.account,
                "data-idp-names": names.string,
            ])
        w.raw("<button type=\"button\" id=\"live-toggle\" aria-pressed=\"false\" hidden>Pause live updates</button>")
        w.raw("<p id=\"live-status\" role=\"status\" aria-live=\"polite\" class=\"note\">Live updates need JavaScript.</p>")
        w.close("div")
    }

    private func writeTable(_ w: inout HTMLWriter) {
        let total = query.window.cappedTotal(page.totalCount)
        w.raw("<table id=\"logs\"><caption>")
        w.text("\(total) \(total == 1 ? "log" : "logs"), \(query.ascending ? "oldest" : "newest") first")
        if page.window.totalPages(total: page.totalCount) > 1 {
            w.text(", page \(query.window.page) of \(page.window.totalPages(total: page.totalCount))")
        }
        w.raw("</caption><thead><tr>")
        for column in Self.columns { w.element("th", column, ["scope": "col"]) }
        w.raw("</tr></thead><tbody id=\"log-rows\">")
        for entry in page.items { LogRow(entry: entry, idpName: view.idpName(entry.log.idpID), account: view.account).write(&w) }
        w.raw("</tbody></table>")
        if page.items.isEmpty {
            let hint =
                view.accounts.isEmpty
                ? "The mock holds no account yet: load fixtures (POST /__admin/fixtures) or restart with --seed."
                : "No log matches these filters."
            w.element("p", hint, ["class": "note", "id": "no-logs"])
        }
    }

    private func writePager(_ w: inout HTMLWriter) {
        let base = DashboardURL(DashboardRoutes.prefix + "/logs").adding(view.carried(excluding: ["page"]))
        Pager(
            label: "Pages of logs", current: query.window.page, pages: page.window.totalPages(total: page.totalCount),
            link: { base.adding("page", String($0)).text }, offersFirst: true
        ).write(&w)
    }

    /// The same view as a v4 API call: the account moves into the path and the IdPs are named, as the API
    /// requires `idp_id`.
    private func writeAPICall(_ w: inout HTMLWriter) {
        guard let account = view.account else { return }
        let path = "/client/v4/accounts/\(DashboardURL.encode(account))/access/logs/scim/updates"
        let url = DashboardURL(path).adding("idp_id", query.idpIDs).adding(view.carried(excluding: ["account_id", "idp_id"]))
        w.raw("<section aria-labelledby=\"api-call\"><h2 id=\"api-call\">The same view from the API</h2><p>")
        w.link(url.text, "Open as API call (JSON)", ["id": "api-link"])
        w.raw("</p>")
        let curl = "curl -s -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" " + Shell.quoted(view.origin + url.text)
        CopyBlock(id: "api-curl", label: "Copy as API call", text: curl).write(&w)
        w.raw("</section>")
    }
}
