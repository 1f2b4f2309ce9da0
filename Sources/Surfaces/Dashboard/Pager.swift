/// The previous / "Page N of M" / next navigation the logs, resource lists and histories share; it
/// writes nothing when everything fits on one page.
struct Pager {
    /// What the navigation is named for assistive technology ("Pages of logs").
    let label: String
    let current: Int
    let pages: Int
    /// The URL of a page by its number.
    let link: (Int) -> String
    var previous = "Previous page"
    var next = "Next page"
    /// Offers "First page" beside "Previous page" (the logs page, where pages run deep).
    var offersFirst = false

    func write(_ w: inout HTMLWriter) {
        guard pages > 1 else { return }
        w.open("nav", ["class": "pager", "aria-label": label])
        if current > 1 {
            if offersFirst { w.link(link(1), "First page") }
            w.link(link(min(current - 1, pages)), previous, ["rel": "prev"])
        }
        w.text("Page \(current) of \(pages)")
        if current < pages { w.link(link(current + 1), next, ["rel": "next"]) }
        w.raw("</nav>")
    }
}
