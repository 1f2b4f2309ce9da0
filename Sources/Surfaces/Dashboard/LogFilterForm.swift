import SCIM
import Store

/// The logs page's filters as a GET form: each field is named exactly as the v4 update-log endpoint's
/// query parameter and shows what the current view asked for, so every view is a bookmarkable URL.
struct LogFilterForm {
    let view: DashboardView
    let query: LogQuery

    func write(_ w: inout HTMLWriter) {
        w.raw("<form class=\"filters\" method=\"get\" action=\"/__ui/logs\" aria-label=\"Log filters\">")
        PickerFields(view: view, allIdPs: true).write(&w)
        checkboxes("status", "Outcome · status", UpdateLog.Status.allCases.map(\.rawValue), query.statuses.map(\.rawValue), &w)
        checkboxes(
            "request_method", "Action · request_method", UpdateLog.Method.allCases.map(\.rawValue),
            query.methods.map(\.rawValue), &w)
        checkboxes(
            "resource_type", "Resource type · resource_type", UpdateLog.ResourceType.allCases.map(\.rawValue),
            query.resourceTypes.map(\.rawValue), &w)
        texts("resource_user_email", "User email · resource_user_email", query.userEmails, &w)
        texts("resource_group_name", "Group name · resource_group_name", query.groupNames, &w)
        texts("cf_resource_id", "CF resource ID · cf_resource_id", query.cfResourceIDs, &w)
        texts("idp_resource_id", "IDP resource ID · idp_resource_id", query.idpResourceIDs, &w)
        FormField.input("since", "Since (UTC) · since", query.since?.rfc3339, placeholder: "2025-01-31T12:00:00Z", &w)
        FormField.input("until", "Until (UTC) · until", query.until?.rfc3339, placeholder: "2025-01-31T18:00:00Z", &w)
        FormField.select(
            "direction", "Order · direction", [("desc", "Newest first"), ("asc", "Oldest first")],
            selected: query.ascending ? "asc" : "desc", &w)
        FormField.input("per_page", "Per page · per_page", String(query.window.perPage), type: "number", &w)
        FormField.input("limit", "At most · limit", query.window.cap.map(String.init), type: "number", &w)
        FormField.actions(reset: "/__ui/logs", account: view.account, &w)
        w.raw("</form>")
    }

    private func checkboxes(_ name: String, _ legend: String, _ values: [String], _ chosen: [String], _ w: inout HTMLWriter) {
        w.raw("<fieldset>")
        w.element("legend", legend)
        for value in values {
            let id = "f-\(name)-\(value)"
            w.open("label", ["class": "check", "for": id])
            w.open(
                "input",
                ["type": "checkbox", "id": id, "name": name, "value": value, "checked": chosen.contains(value) ? "" : nil])
            w.text(name == "status" && value == "FAILURE" ? "ERROR (FAILURE)" : value)
            w.close("label")
        }
        w.raw("</fieldset>")
    }

    /// One input per value the view names (at least one), so a URL with several values keeps them all.
    private func texts(_ name: String, _ label: String, _ values: [String], _ w: inout HTMLWriter) {
        let shown = values.isEmpty ? [""] : values
        for (index, value) in shown.enumerated() {
            FormField.input(name, index == 0 ? label : "\(label) (\(index + 1))", value, id: "f-\(name)-\(index)", &w)
        }
    }
}
