import HTTPServer
import JSON
import SCIM
import Services
import Store

/// A user's or group's page (the user registry): the last seen identity, the SCIM resource exactly as
/// `GET /Users/{id}` returns it; its group memberships (or members); and its history: every write that
/// touched it, with the state after and a diff against the state before (`HistoryList`).
struct ResourcePage {
    let view: DashboardView
    let kind: SCIMResourceKind
    let idp: IdentityProvider
    let id: String
    /// Nil once deleted: the page then shows the history alone.
    let resource: JSONObject?
    let history: ResourceHistory
    let reveal: Bool

    static func path(_ kind: SCIMResourceKind, id: String, idp: IdentityProvider) -> String {
        DashboardURL(DashboardRoutes.prefix + (kind == .user ? "/users/" : "/groups/") + DashboardURL.encode(id))
            .adding("account_id", idp.accountID).adding("idp_id", idp.id).text
    }

    /// The last state there is: the resource, else the state before it was deleted.
    private var latest: JSONObject {
        resource ?? history.entries.lazy.compactMap(\.state).first ?? JSONObject()
    }

    private var name: String {
        (kind == .user ? latest["userName"]?.stringValue : latest["displayName"]?.stringValue) ?? id
    }

    func render() -> HTTPResponse {
        let title = (kind == .user ? "User " : "Group ") + name
        let section: DashboardPage.Section = kind == .user ? .users : .groups
        return DashboardPage.render(title: title, section: section, account: idp.accountID, reloadsOnReset: true) { w in
            writeSummary(&w)
            guard let resource else {
                w.element("p", "Deleted: the history below ends with its deletion.", ["class": "note", "id": "deleted"])
                writeHistory(&w)
                return
            }
            kind == .user ? writeMemberships(resource, &w) : writeMembers(resource, &w)
            w.raw("<h2 id=\"identity\">Last seen identity</h2>")
            w.element(
                "p", "The SCIM resource as GET \(kind == .user ? "/Users" : "/Groups")/\(id) returns it.", ["class": "note"])
            w.element(
                "pre", JSONPrettyPrinter.print(.object(resource)),
                ["id": "identity-json", "tabindex": "0", "aria-labelledby": "identity"])
            writeHistory(&w)
        }
    }

    private func writeHistory(_ w: inout HTMLWriter) {
        let base = DashboardURL(Self.path(kind, id: id, idp: idp)).adding("reveal", reveal ? "passwords" : nil)
        HistoryList(history: history, account: idp.accountID, pageLink: { base.adding("history_page", String($0)).text })
            .write(&w)
    }

    private func writeSummary(_ w: inout HTMLWriter) {
        w.raw("<dl class=\"fields\">")
        w.element("dt", "IdP name")
        w.element("dd", idp.name)
        w.element("dt", "CF resource ID")
        w.element("dd", id, ["class": "id"])
        w.element("dt", "IDP resource ID")
        w.element("dd", latest["externalId"]?.stringValue ?? "none")
        if kind == .user, let resource {
            w.element("dt", "Active")
            w.element("dd", resource["active"]?.boolValue == false ? "no" : "yes", ["id": "active"])
        }
        w.raw("</dl><p>")
        let logs = DashboardURL(DashboardRoutes.prefix + "/logs").adding("account_id", idp.accountID)
            .adding("idp_id", idp.id).adding("cf_resource_id", id).text
        w.link(logs, "Every log of this \(kind == .user ? "user" : "group")", ["id": "resource-logs"])
        w.raw("</p>")
    }

    private func writeMemberships(_ resource: JSONObject, _ w: inout HTMLWriter) {
        let groups = resource["groups"]?.arrayValue?.compactMap(\.objectValue) ?? []
        w.raw("<h2 id=\"memberships\">Group memberships</h2>")
        guard !groups.isEmpty else {
            w.element("p", "Member of no group.", ["class": "note", "id": "no-memberships"])
            return
        }
        references(groups, caption: "Groups \(name) belongs to", to: .group, &w)
    }

    private func writeMembers(_ resource: JSONObject, _ w: inout HTMLWriter) {
        let members = resource["members"]?.arrayValue?.compactMap(\.objectValue) ?? []
        w.raw("<h2 id=\"members\">Members</h2>")
        guard !members.isEmpty else {
            w.element("p", "No members.", ["class": "note", "id": "no-members"])
            return
        }
        references(members, caption: "Members of \(name)", to: .user, &w)
    }

    private func references(_ items: [JSONObject], caption: String, to target: SCIMResourceKind, _ w: inout HTMLWriter) {
        w.raw("<table id=\"references\"><caption>")
        w.text(caption)
        w.raw("</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">CF resource ID</th></tr></thead><tbody>")
        for item in items {
            let ref = item["value"]?.stringValue ?? ""
            w.raw("<tr><td>")
            w.link(Self.path(target, id: ref, idp: idp), item["display"]?.stringValue ?? ref)
            w.raw("</td>")
            w.element("td", ref, ["class": "id"])
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }
}
