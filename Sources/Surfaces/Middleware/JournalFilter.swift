import JSON

/// Which journal entries a `/__admin/requests` query asks for; every condition set must hold.
public struct JournalFilter: Sendable {
    public var surface: Surface?
    public var method: String?
    /// A route pattern, with its method when given as "GET /scim/v2/Users".
    public var routePattern: String?
    public var routeMethod: String?
    public var pathPrefix: String?
    public var status: Int?
    public var header: (name: String, value: String)?
    public var since: Timestamp?
    public var until: Timestamp?

    public init() {}

    func matches(_ entry: JournalEntry) -> Bool {
        if let surface, surface != entry.surface { return false }
        if let method, method != entry.method { return false }
        if let routePattern, !(entry.routePattern.map { RoutePatternMatch.names(routePattern, $0) } ?? false) {
            return false
        }
        if let routeMethod, routeMethod != entry.method { return false }
        if let pathPrefix, !entry.path.hasPrefix(pathPrefix) { return false }
        if let status, status != entry.status { return false }
        if let header, entry.header(header.name) != header.value { return false }
        if let since, entry.time < since { return false }
        if let until, entry.time > until { return false }
        return true
    }

    /// `route=GET /scim/v2/Users` (or a bare pattern) as the two fields it sets.
    public mutating func setRoute(_ route: String) {
        let parts = route.split(separator: " ", maxSplits: 1)
        if parts.count == 2 {
            routeMethod = parts[0].uppercased()
            routePattern = String(parts[1])
        } else {
            routePattern = route
        }
    }
}
