import HTTPServer

/// A dashboard error as a page: what went wrong in words, and where to go from there.
enum DashboardErrorPage {
    static func render(status: Int, message: String) -> HTTPResponse {
        DashboardPage.render(status: status, title: "\(status) \(reason(status))", section: nil) { w in
            w.raw("<div class=\"error-page\">")
            w.element("p", message, ["id": "error-message", "role": "alert"])
            w.raw("<p>")
            if status == 401 {
                w.link(DashboardRoutes.prefix + "/login", "Log in")
            } else {
                w.link(DashboardRoutes.prefix + "/logs", "Back to the logs")
            }
            w.raw("</p></div>")
        }
    }

    static func plain(status: Int, message: String) -> HTTPResponse {
        var response = HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
            body: Array("\(status) \(message)\n".utf8))
        DashboardPage.secure(&response.headers)
        return response
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad request"
        case 401: "Login needed"
        case 404: "Not found"
        case 405: "Method not allowed"
        case 413: "Request too large"
        case 503: "Unavailable"
        case 500...: "Server error"
        default: "Error"
        }
    }
}
