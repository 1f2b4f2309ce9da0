import HTTPServer
import JSON
import Services

/// `/__admin/requests`: the request journal (`RequestJournal`), filtered, counted and emptied, so a
/// test can assert what its client sent ("three requests, retry counts 0, 1, 2").
struct AdminJournalRoutes: Sendable {
    let journal: RequestJournal

    static let path = AdminRoutes.prefix + "/requests"

    static let filters: [RouteParameter] = [
        RouteParameter("surface", .enumeration(Surface.allCases.map(\.rawValue)), "Only requests on this surface"),
        RouteParameter("method", .string(maxLength: 16), "Only requests of this method"),
        RouteParameter("route", .string(maxLength: 1024), "Only requests that matched this route (\"GET /scim/v2/Users\")"),
        RouteParameter("path_prefix", .string(maxLength: 1024), "Only requests whose path starts so"),
        RouteParameter("status", .integer(min: 0, max: 599), "Only requests answered with this status (0: closed)"),
        RouteParameter("header", .string(maxLength: 2048), "Only requests with this header value, as name:value"),
        RouteParameter("since", .dateTime, "Only requests at or after this instant (mock clock)"),
        RouteParameter("until", .dateTime, "Only requests at or before this instant (mock clock)"),
    ]
    static let limit = RouteParameter("limit", .integer(min: 1, max: 1_000_000), "Only the last this-many matches")

    var routes: [Route] {
        let bad = RouteResponse(400, "A filter has a bad value", body: "AdminError")
        return [
            Route(
                "GET", Self.path, surface: .admin, summary: "The journal's requests that match, oldest first",
                parameters: Self.filters + [Self.limit],
                responses: [RouteResponse(200, "The matching requests", body: "RequestList"), bad, AdminRoutes.unauthorized]
            ) { r in
                let entries = journal.entries(matching: try Self.filter(r.parameters), limit: try r.parameters.int("limit"))
                var w = JSONWriter(capacity: 256 + entries.count * 600)
                w.raw("{\"count\":"); w.int(entries.count); w.raw(",\"requests\":[")
                for (index, entry) in entries.enumerated() {
                    if index > 0 { w.raw(",") }
                    entry.json(&w)
                }
                w.raw("]}")
                return HTTPResponse.json(200, w.bytes)
            },
            Route(
                "GET", Self.path + "/count", surface: .admin, summary: "How many of the journal's requests match",
                parameters: Self.filters,
                responses: [RouteResponse(200, "The number that match", body: "RequestCount"), bad, AdminRoutes.unauthorized]
            ) { r in
                Self.count(journal.count(matching: try Self.filter(r.parameters)))
            },
            Route(
                "DELETE", Self.path, surface: .admin, summary: "Empty the journal",
                responses: [RouteResponse(200, "The journal is empty", body: "RequestCount"), AdminRoutes.unauthorized]
            ) { _ in
                journal.removeAll()
                return Self.count(0)
            },
        ]
    }

    private static func count(_ count: Int) -> HTTPResponse {
        AdminRoutes.json(200, JSONObject([("count", .number(String(count)))]))
    }

    static func filter(_ parameters: ParameterReader) throws -> JournalFilter {
        try parameters.rejectUndeclared()
        var filter = JournalFilter()
        filter.surface = try parameters.choice("surface").flatMap(Surface.init(rawValue:))
        filter.method = try parameters.string("method")?.uppercased()
        if let route = try parameters.string("route") { filter.setRoute(route) }
        filter.pathPrefix = try parameters.string("path_prefix")
        filter.status = try parameters.int("status")
        if let header = try parameters.string("header") {
            guard let colon = header.firstIndex(of: ":") else {
                throw RouteError.invalidParameter(name: "header", reason: "must be name:value, got \"\(header.prefix(64))\"")
            }
            filter.header = (String(header[..<colon]), String(header[header.index(after: colon)...].drop { $0 == " " }))
        }
        filter.since = try parameters.timestamp("since")
        filter.until = try parameters.timestamp("until")
        return filter
    }
}
