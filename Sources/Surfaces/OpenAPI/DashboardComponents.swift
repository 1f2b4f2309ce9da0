import JSON

/// The dashboard's bodies: HTML pages, its error answers (an HTML page for a browser, one line of
/// text for any other client), its assets and icon, the live tail's polling fallback and the login form.
enum DashboardComponents {
    static var entries: [(String, BodySchema)] {
        [
            ("HTML", .html),
            ("DashboardError", .text("text/html", "text/plain")),
            ("JavaScript", .text("text/javascript")),
            ("Stylesheet", .text("text/css")),
            ("Icon", .text("image/svg+xml")),
            ("DashboardLogPoll", .json("DashboardLogPoll", poll)),
            ("LoginForm", .json("DashboardLoginForm", login, contentTypes: ["application/x-www-form-urlencoded"])),
            ("EventStream", .eventStream),
        ]
    }

    /// `{"logs":[{"id":N,"log":<the v4 row>}]}`, newest first; `id` is what `last_event_id` resumes after.
    static let poll = JSONSchema.properties(
        [
            (
                "logs",
                JSONSchema.array(
                    JSONSchema.properties(
                        [("id", JSONSchema.integer(minimum: 1)), ("log", JSONSchema.ref("UpdateLog"))], required: ["id", "log"]))
            )
        ], required: ["logs"])

    static let login = JSONSchema.properties([
        ("token", JSONSchema.string()), ("next", JSONSchema.string(maxLength: 2048)),
    ])
}
