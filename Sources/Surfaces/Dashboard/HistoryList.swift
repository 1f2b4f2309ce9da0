import JSON
import SCIM
import Services

/// A resource's history, newest first: for each write its log (linked), what changed (a diff of
/// added, removed and changed attributes, each marked by a sign and a word, not colour alone) and the
/// whole state after it.
struct HistoryList {
    let history: ResourceHistory
    let account: String
    let pageLink: (Int) -> String

    func write(_ w: inout HTMLWriter) {
        w.raw("<h2 id=\"history\">History</h2>")
        w.element(
            "p", "\(history.totalCount) \(history.totalCount == 1 ? "entry" : "entries"), newest first.",
            ["class": "note", "id": "history-count"])
        w.raw("<ol class=\"history\" id=\"history-entries\" aria-labelledby=\"history\">")
        for entry in history.entries { write(entry, &w) }
        w.raw("</ol>")
        writePager(&w)
    }

    private func write(_ entry: ResourceHistory.Entry, _ w: inout HTMLWriter) {
        w.open("li", ["data-change": entry.change.rawValue, "data-version": String(entry.versionID)])
        w.raw("<h3>")
        w.text(Self.heading(entry))
        if let log = entry.log {
            w.text(" · ")
            DashboardFormat.time(log.loggedAt, &w)
        }
        w.raw("</h3>")
        if let log = entry.log, let logID = entry.logID {
            w.raw("<p>")
            DashboardFormat.outcome(log.status, &w)
            w.text(" ")
            let href = DashboardURL(DashboardRoutes.prefix + "/logs/\(logID)").adding("account_id", account).text
            w.link(href, "Log \(logID)")
            if let error = log.errorDescription { w.text(": " + error) }
            w.raw("</p>")
        }
        writeDiff(entry.diff, &w)
        if let state = entry.state {
            w.raw("<details><summary>State after this write</summary>")
            w.element("pre", JSONPrettyPrinter.print(.object(state)), ["tabindex": "0"])
            w.raw("</details>")
        }
        w.close("li")
    }

    static func heading(_ entry: ResourceHistory.Entry) -> String {
        let write = entry.log.map { "\($0.requestMethod.rawValue) \($0.resourceType.rawValue)" }
        switch entry.change {
        case .SEEDED: return "Loaded from fixtures"
        case .WRITTEN: return "Written by " + (write ?? "a write")
        case .DELETED: return "Deleted by " + (write ?? "a write")
        case .UNCHANGED: return "Left unchanged by a failed " + (write ?? "write")
        }
    }

    private func writeDiff(_ diff: ResourceDiff, _ w: inout HTMLWriter) {
        guard !diff.isEmpty else {
            w.element("p", "No attribute changed.", ["class": "note"])
            return
        }
        w.raw("<ul class=\"diff\">")
        for change in diff.changes {
            w.open("li", ["data-path": change.path])
            w.element("code", change.path)
            w.text(" \(change.kind.rawValue): ")
            if let old = change.old { w.element("del", old.serialized()) }
            if let new = change.new { w.element("ins", new.serialized()) }
            w.raw("</li>")
        }
        w.raw("</ul>")
    }

    private func writePager(_ w: inout HTMLWriter) {
        Pager(
            label: "Pages of the history", current: history.window.page,
            pages: history.window.totalPages(total: history.totalCount), link: pageLink, previous: "Newer entries",
            next: "Older entries"
        ).write(&w)
    }
}
