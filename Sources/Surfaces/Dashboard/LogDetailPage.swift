import HTTPServer
import JSON
import Replay
import SCIM
import Store

/// One log: every field in the logs page's order and words (with the API's own status), the request
/// body (indented when it is JSON, as received when not), the JSON log as the v4 API returns the row,
/// links to the resource and to the resource's previous and next log, and the request as a curl
/// command and as a `scim-mock replay` line. Passwords are masked unless `reveal=passwords`.
struct LogDetailPage {
    let view: DashboardView
    let detail: UpdateLogDetail
    let reveal: Bool

    private var log: UpdateLog { detail.entry.log }

    func render() -> HTTPResponse {
        let body = RequestBodyView(text: log.requestBody, reveal: reveal)
        let action = "\(log.requestMethod.rawValue) \(log.resourceType.rawValue)"
        let title = "Log \(detail.entry.id): \(action), \(DashboardFormat.word(log.status))"
        return DashboardPage.render(title: title, section: .logs, account: detail.idp.accountID, reloadsOnReset: true) { w in
            writeNeighbours(&w)
            writeFields(&w)
            w.raw("<h2 id=\"body\">Request body</h2>")
            body.write(
                &w, revealLink: link(to: detail.entry.id, reveal: true), hideLink: link(to: detail.entry.id, reveal: false))
            var shown = log
            shown.requestBody = body.shownText
            w.raw("<h2 id=\"json-log\">JSON log</h2>")
            if body.masked { w.element("p", "As the API returns this row, with password values masked.", ["class": "note"]) }
            var json = JSONWriter()
            shown.write(to: &json)
            w.element("pre", json.string, ["id": "log-json", "tabindex": "0", "aria-labelledby": "json-log"])
            w.raw("<h2>Send it again</h2>")
            CopyBlock(id: "log-curl", label: "Copy as curl", text: curl(shown)).write(&w)
            if let line = replayLine(shown) {
                CopyBlock(id: "log-replay", label: "Copy as a replay line", text: line).write(&w)
                w.element("p", "For scim-mock replay --target URL --token SECRET FILE (JSON lines).", ["class": "note"])
            }
        }
    }

    private func link(to id: Int64, reveal: Bool = false) -> String {
        DashboardURL(DashboardRoutes.prefix + "/logs/\(id)").adding("account_id", detail.idp.accountID)
            .adding("reveal", reveal ? "passwords" : nil).text
    }

    private func writeNeighbours(_ w: inout HTMLWriter) {
        w.raw("<nav class=\"pager\" aria-label=\"Logs of the same resource\">")
        let back = DashboardURL(DashboardRoutes.prefix + "/logs").adding("account_id", detail.idp.accountID)
            .adding("idp_id", detail.idp.id).text
        w.link(back, "All logs of \(detail.idp.name)")
        if let previous = detail.previousOfResource {
            w.link(link(to: previous), "Previous log of this resource", ["rel": "prev", "id": "previous-log"])
        }
        if let next = detail.nextOfResource {
            w.link(link(to: next), "Next log of this resource", ["rel": "next", "id": "next-log"])
        }
        w.raw("</nav>")
    }

    private func writeFields(_ w: inout HTMLWriter) {
        w.raw("<dl class=\"fields\" id=\"log-fields\">")
        field("IdP name", detail.idp.name, &w)
        w.raw("<dt>Timestamp</dt><dd>")
        DashboardFormat.time(log.loggedAt, &w)
        w.raw("</dd>")
        field("Action", log.requestMethod.rawValue, &w)
        field("User email", log.resourceUserEmail, &w)
        field("Group name", log.resourceGroupName, &w)
        field("Resource type", log.resourceType.rawValue, &w)
        w.raw("<dt>CF resource ID</dt><dd>")
        if let id = log.cfResourceID {
            let kind = log.resourceType == .USER ? "users" : "groups"
            let href = DashboardURL(DashboardRoutes.prefix + "/\(kind)/\(DashboardURL.encode(id))")
                .adding("account_id", detail.idp.accountID).adding("idp_id", detail.idp.id).text
            w.link(href, id, ["id": "resource-link"])
        } else {
            w.raw("<span class=\"note\">none</span>")
        }
        w.raw("</dd>")
        field("IDP resource ID", log.idpResourceID, &w)
        w.raw("<dt>Outcome</dt><dd>")
        DashboardFormat.outcome(log.status, &w)
        w.text(" (API status: \(log.status.rawValue))")
        w.raw("</dd>")
        field("Error description", log.errorDescription, &w)
        w.raw("</dl>")
    }

    private func field(_ name: String, _ value: String?, _ w: inout HTMLWriter) {
        w.element("dt", name)
        if let value { w.element("dd", value) } else { w.raw("<dd><span class=\"note\">none</span></dd>") }
    }

    /// The request as sent to the mock's SCIM API (`/scim/v2`, which finds the IdP by its secret).
    private func curl(_ shown: UpdateLog) -> String {
        let collection = shown.resourceType == .USER ? "/scim/v2/Users" : "/scim/v2/Groups"
        let path = shown.requestMethod == .POST ? collection : collection + "/" + DashboardURL.encode(shown.cfResourceID ?? "")
        var text = "curl -s -X \(shown.requestMethod.rawValue) " + Shell.quoted(view.origin + path)
        text += " -H \"Authorization: Bearer $SCIM_SECRET\""
        if let body = shown.requestBody, !body.isEmpty {
            text += " -H 'Content-Type: application/scim+json' --data-binary " + Shell.quoted(body)
        }
        return text
    }

    /// The line `scim-mock export-traffic` writes for this log.
    private func replayLine(_ shown: UpdateLog) -> String? {
        var json = JSONWriter()
        shown.write(to: &json)
        guard let object = try? JSONReader.parse(json.bytes).objectValue, let record = TrafficExporter.record(from: object)
        else { return nil }
        var line = RecordWriter.line(record)
        if line.last == 0x0A { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
