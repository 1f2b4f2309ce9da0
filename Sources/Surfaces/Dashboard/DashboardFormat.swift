import JSON
import SCIM

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
