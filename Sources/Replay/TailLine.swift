import JSON

/// One update log as `scim-mock tail` prints it: time, IdP, method, type, user email or group name,
/// outcome and error, separated by two spaces. Stored values are raw client bytes, so control
/// characters are shown escaped rather than sent to the terminal.
public enum TailLine {
    public static func line(_ log: JSONObject) -> String {
        func field(_ key: String) -> String { log[key]?.stringValue.map(printable) ?? "-" }
        let name = log["resource_user_email"]?.stringValue ?? log["resource_group_name"]?.stringValue
        var parts = [
            field("logged_at"), field("idp_id"), pad(field("request_method"), 6), pad(field("resource_type"), 5),
            name.map(printable) ?? "-", field("status"),
        ]
        if let error = log["error_description"]?.stringValue { parts.append(printable(error)) }
        return parts.joined(separator: "  ")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` with C0 controls, DEL and C1 controls as `\u{…}`.
    public static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
