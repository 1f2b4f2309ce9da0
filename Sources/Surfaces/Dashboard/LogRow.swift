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
