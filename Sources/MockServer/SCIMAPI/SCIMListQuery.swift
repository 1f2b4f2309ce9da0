import HTTPServer
import SCIM

/// The list parameters of RFC 7644 §3.4.2, from a query string or a `/.search` body.
struct SCIMListQuery: Sendable {
    var filter: String?
    var startIndex = 1
    var count = SCIMDiscovery.maxResults
    var sortBy: String?
    var descending = false
    var projection = Projection()

    init(query: QueryParameters) throws(SCIMError) {
        filter = query.first("filter").flatMap { $0.isEmpty ? nil : $0 }
        startIndex = try Self.int(query.first("startIndex"), "startIndex") ?? 1
        count = min(max(try Self.int(query.first("count"), "count") ?? SCIMDiscovery.maxResults, 0), SCIMDiscovery.maxResults)
        sortBy = query.first("sortBy").flatMap { $0.isEmpty ? nil : $0 }
        descending = try Self.descending(query.first("sortOrder"))
        projection = Projection(attributes: query.first("attributes"), excludedAttributes: query.first("excludedAttributes"))
    }

    /// A SearchRequest body (`POST /.search`, RFC 7644 §3.4.3).
    init(search body: JSONObject) throws(SCIMError) {
        let schemas = body.value(forAttribute: "schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        guard schemas.contains("urn:ietf:params:scim:api:messages:2.0:SearchRequest") else {
            throw .invalidValue("schemas must list urn:ietf:params:scim:api:messages:2.0:SearchRequest")
        }
        filter = body.value(forAttribute: "filter")?.stringValue
        startIndex = body.value(forAttribute: "startIndex")?.intValue ?? 1
        count = min(max(body.value(forAttribute: "count")?.intValue ?? SCIMDiscovery.maxResults, 0), SCIMDiscovery.maxResults)
        sortBy = body.value(forAttribute: "sortBy")?.stringValue
        descending = try Self.descending(body.value(forAttribute: "sortOrder")?.stringValue)
        func names(_ key: String) -> [String] { body.value(forAttribute: key)?.arrayValue?.compactMap(\.stringValue) ?? [] }
        projection = Projection(attributes: names("attributes"), excluded: names("excludedAttributes"))
    }

    private static func int(_ text: String?, _ name: String) throws(SCIMError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text) else { throw .invalidValue("\(name) must be an integer, got \"\(text)\"") }
        return value
    }

    private static func descending(_ text: String?) throws(SCIMError) -> Bool {
        switch text?.lowercased() {
        case nil, "ascending": return false
        case "descending": return true
        case let other?: throw .invalidValue("sortOrder must be ascending or descending, got \"\(other)\"")
        }
    }
}
