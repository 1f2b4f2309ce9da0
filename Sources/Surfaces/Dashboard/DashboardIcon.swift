/// The dashboard's icon, served from `/__ui/assets/favicon.svg` (which every page's `<link rel="icon">`
/// names) and from `/favicon.ico`, which browsers ask for whatever a page says: without it every page
/// logged a 404 in the browser's console. A constant, like the other assets; an SVG, so one small file
/// is sharp at every size, and the CSP's `img-src 'self'` allows it.
enum DashboardIcon {
    static let path = DashboardRoutes.prefix + "/assets/favicon.svg"
    /// Where browsers look for an icon by default.
    static let rootPath = "/favicon.ico"

    static let svg: StaticString = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
        <rect width="32" height="32" rx="7" fill="#1d4ed8"/>\
        <path d="M9 11.5h14M9 16h14M9 20.5h9" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/>\
        <circle cx="23" cy="21" r="3.5" fill="#22c55e"/></svg>

        """
}
