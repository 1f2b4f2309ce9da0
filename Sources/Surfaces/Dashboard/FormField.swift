/// The account and IdP pickers the logs page and the lists share.
struct PickerFields {
    let view: DashboardView
    /// The logs page offers "all IdPs"; the lists are of one IdP.
    let allIdPs: Bool

    func write(_ w: inout HTMLWriter) {
        FormField.select("account_id", "Account", view.accounts.map { ($0.account, $0.account) }, selected: view.account, &w)
        var options = view.idps.map { ($0.id, "\($0.name) (\($0.type))") }
        if allIdPs { options.insert(("", "All identity providers"), at: 0) }
        let chosen = view.request.http.query.first("idp_id") ?? ""
        FormField.select("idp_id", "IdP · idp_id", options, selected: chosen, id: "idp-picker", &w)
    }
}

/// Labelled form controls.
enum FormField {
    static func input(
        _ name: String, _ label: String, _ value: String?, type: String = "text", placeholder: String? = nil,
        id: String? = nil, _ w: inout HTMLWriter
    ) {
        let id = id ?? "f-\(name)"
        w.raw("<div>")
        w.element("label", label, ["for": id])
        w.open("input", ["type": type, "id": id, "name": name, "value": value ?? "", "placeholder": placeholder])
        w.raw("</div>")
    }

    static func select(
        _ name: String, _ label: String, _ options: [(value: String, label: String)], selected: String?, id: String? = nil,
        _ w: inout HTMLWriter
    ) {
        let id = id ?? "f-\(name)"
        w.raw("<div>")
        w.element("label", label, ["for": id])
        w.open("select", ["id": id, "name": name])
        for option in options {
            w.open("option", ["value": option.value, "selected": option.value == selected ? "" : nil])
            w.text(option.label)
            w.close("option")
        }
        w.raw("</select></div>")
    }

    static func actions(reset: String, account: String?, _ w: inout HTMLWriter) {
        w.raw("<div class=\"actions\"><button type=\"submit\">Apply filters</button>")
        w.link(DashboardURL(reset).adding("account_id", account).text, "Clear filters")
        w.raw("</div>")
    }
}
