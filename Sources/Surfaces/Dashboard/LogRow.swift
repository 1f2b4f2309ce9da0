import JSON
import SCIM
import Store

/// One row of the logs table, in `LogsPage.columns` order; the timestamp links to the log's page. The
/// live-tail script builds the same cells from the JSON of a new log.
struct LogRow {
    let entry: StoredUpdateLog
    let idpName: String
    let account: String?

    func write(_ w: inout HTMLWriter) {
        let log = entry.log
        w.open("tr", ["data-id": String(entry.id)])
        w.element("td", idpName)
        w.raw("<td>")
        let href = DashboardURL(DashboardRoutes.prefix + "/logs/\(entry.id)").adding("account_id", account).text
        w.open("a", ["href": href])
        DashboardFormat.time(log.loggedAt, &w)
        w.raw("</a></td>")
        w.element("td", log.requestMethod.rawValue)
        w.element("td", log.resourceUserEmail ?? "")
        w.element("td", log.resourceGroupName ?? "")
        w.element("td", log.resourceType.rawValue)
        w.element("td", log.cfResourceID ?? "", ["class": "id"])
        w.element("td", log.idpResourceID ?? "", ["class": "id"])
        w.raw("<td>")
        DashboardFormat.outcome(log.status, &w)
        w.raw("</td></tr>")
    }
}

/// How the dashboard shows times and outcomes.
enum DashboardFormat {
    /// `2025-01-24 08:00:00.400 UTC` in a `<time>` whose `datetime` is the API's `logged_at`.
    static func time(_ timestamp: Timestamp, _ w: inout HTMLWriter) {
        let shown = String(timestamp.rfc3339.dropLast().map { $0 == "T" ? " " : $0 }) + " UTC"
        w.time(timestamp.rfc3339Micros, shown: shown)
    }

    /// The dashboard's word (SUCCESS or ERROR, where the API says FAILURE), with a mark, not colour alone.
    static func word(_ status: UpdateLog.Status) -> String { status == .SUCCESS ? "SUCCESS" : "ERROR" }

    static func outcome(_ status: UpdateLog.Status, _ w: inout HTMLWriter) {
        w.element("span", word(status), ["class": status == .SUCCESS ? "outcome success" : "outcome error"])
    }
}
