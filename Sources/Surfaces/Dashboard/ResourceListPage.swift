import HTTPServer
import JSON
import SCIM
import Store

/// The users or groups of one IdP, with the v4 list endpoints' filters (same names, same parsing) and
/// paging; each row links to the resource's page.
struct ResourceListPage {
    let view: DashboardView
    let kind: SCIMResourceKind
    let idp: IdentityProvider
    let page: Page<String>

    private var section: DashboardPage.Section { kind == .user ? .users : .groups }

    func render() -> HTTPResponse {
        DashboardPage.render(
            title: "\(section.title) of \(idp.name)", section: section, account: view.account, reloadsOnReset: true
        ) { w in
            writeForm(&w)
            writeTable(&w)
            writePager(&w)
        }
    }

    private func writeForm(_ w: inout HTMLWriter) {
        w.raw("<form class=\"filters\" method=\"get\" aria-label=\"Filters\">")
        PickerFields(view: view, allIdPs: false).write(&w)
        let q = view.request.http.query
        if kind == .user {
            FormField.input("username", "userName · username", q.first("username"), &w)
            FormField.input("email", "Email · email", q.first("email"), &w)
        }
        FormField.input("name", "Name · name", q.first("name"), &w)
        FormField.input("cf_resource_id", "CF resource ID · cf_resource_id", q.first("cf_resource_id"), &w)
        FormField.input("idp_resource_id", "IDP resource ID · idp_resource_id", q.first("idp_resource_id"), &w)
        FormField.input("per_page", "Per page · per_page", String(page.window.perPage), type: "number", &w)
        FormField.actions(reset: section.path, account: view.account, &w)
        w.raw("</form>")
    }

    private var columns: [String] {
        kind == .user
            ? ["userName", "Display name", "Emails", "Active", "CF resource ID", "IDP resource ID", "Last modified"]
            : ["Display name", "Members", "CF resource ID", "IDP resource ID", "Last modified"]
    }

    private func writeTable(_ w: inout HTMLWriter) {
        w.raw("<table id=\"resources\"><caption>")
        w.text("\(page.totalCount) \(kind == .user ? "users" : "groups") of \(idp.name)")
        w.raw("</caption><thead><tr>")
        for column in columns { w.element("th", column, ["scope": "col"]) }
        w.raw("</tr></thead><tbody>")
        for text in page.items {
            guard let resource = try? JSONReader.parse(text).objectValue else { continue }
            writeRow(resource, &w)
        }
        w.raw("</tbody></table>")
        if page.items.isEmpty { w.element("p", "Nothing matches these filters.", ["class": "note"]) }
    }

    private func writeRow(_ r: JSONObject, _ w: inout HTMLWriter) {
        let id = r["id"]?.stringValue ?? ""
        let href = ResourcePage.path(kind, id: id, idp: idp)
        w.raw("<tr>")
        if kind == .user {
            w.raw("<td>"); w.link(href, r["userName"]?.stringValue ?? id); w.raw("</td>")
            w.element("td", r["displayName"]?.stringValue ?? "")
            let emails = r["emails"]?.arrayValue?.compactMap { $0.objectValue?["value"]?.stringValue } ?? []
            w.element("td", emails.joined(separator: ", "))
            w.element("td", r["active"]?.boolValue == false ? "no" : "yes")
        } else {
            w.raw("<td>"); w.link(href, r["displayName"]?.stringValue ?? id); w.raw("</td>")
            w.element("td", String(r["members"]?.arrayValue?.count ?? 0))
        }
        w.element("td", id, ["class": "id"])
        w.element("td", r["externalId"]?.stringValue ?? "", ["class": "id"])
        w.raw("<td>")
        if let modified = r["meta"]?.objectValue?["lastModified"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) {
            DashboardFormat.time(modified, &w)
        }
        w.raw("</td>")
        w.raw("</tr>")
    }

    private func writePager(_ w: inout HTMLWriter) {
        let base = DashboardURL(section.path).adding(view.carried(excluding: ["page"]))
        Pager(
            label: "Pages", current: page.window.page, pages: page.window.totalPages(total: page.totalCount),
            link: { base.adding("page", String($0)).text }
        ).write(&w)
    }
}
