import JSON
import SCIM

/// The list parameters of RFC 7644 §3.4.2, from a query string or a `/.search` body, checked.
public struct SCIMListQuery: Sendable {
    public static let searchRequestURN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

    public var filter: String?
    public var startIndex = 1
    public var count = SCIMDiscovery.maxResults
    public var sortBy: String?
    public var descending = false
    public var projection = Projection()

    /// From the text values a query string gives (`startIndex=…`); the surface reads them.
    public init(
        filter: String?, startIndex: String?, count: String?, sortBy: String?, sortOrder: String?,
        projection: Projection
    ) throws(SCIMError) {
        self.filter = filter.flatMap { $0.isEmpty ? nil : $0 }
        self.startIndex = try Self.startIndex(Self.int(startIndex, "startIndex"))
        self.count = try Self.count(Self.int(count, "count"))
        self.sortBy = sortBy.flatMap { $0.isEmpty ? nil : $0 }
        descending = try Self.descending(sortOrder)
        self.projection = projection
    }

    /// A SearchRequest body (`POST /.search`, RFC 7644 §3.4.3).
    public init(search body: JSONObject) throws(SCIMError) {
        let schemas = body.value(forAttribute: "schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        guard schemas.contains(Self.searchRequestURN) else {
            throw .invalidValue("schemas must list \(Self.searchRequestURN)")
        }
        filter = body.value(forAttribute: "filter")?.stringValue
        startIndex = try Self.startIndex(Self.int(body.value(forAttribute: "startIndex"), "startIndex"))
        count = try Self.count(Self.int(body.value(forAttribute: "count"), "count"))
        sortBy = body.value(forAttribute: "sortBy")?.stringValue
        descending = try Self.descending(body.value(forAttribute: "sortOrder")?.stringValue)
        func names(_ key: String) -> [String] { body.value(forAttribute: key)?.arrayValue?.compactMap(\.stringValue) ?? [] }
        projection = Projection(attributes: names("attributes"), excluded: names("excludedAttributes"))
    }

    /// The largest `startIndex` or `count` read; with it, paging arithmetic cannot overflow.
    public static let maxInteger = Int(Int32.max)

    /// RFC 7644 §3.4.2.4: a `startIndex` below 1 reads as 1.
    private static func startIndex(_ value: Int?) -> Int { max(value ?? 1, 1) }

    /// RFC 7644 §3.4.2.4: a negative `count` reads as 0; above `maxResults` it is clamped, as a server may.
    private static func count(_ value: Int?) -> Int { min(max(value ?? SCIMDiscovery.maxResults, 0), SCIMDiscovery.maxResults) }

    private static func int(_ text: String?, _ name: String) throws(SCIMError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), (-maxInteger...maxInteger).contains(value) else {
            throw outOfRange(name, got: "\"\(text.prefix(64))\"")
        }
        return value
    }

    /// A SearchRequest member: an integer JSON number, or absent.
    private static func int(_ json: JSONValue?, _ name: String) throws(SCIMError) -> Int? {
        guard let json, json != .null else { return nil }
        guard case .number(let text) = json, let value = Int(text), (-maxInteger...maxInteger).contains(value) else {
            throw outOfRange(name, got: String(json.serialized().prefix(64)))
        }
        return value
    }

    private static func outOfRange(_ name: String, got: String) -> SCIMError {
        let reading =
            name == "count"
            ? "below 0 reads as 0, above \(SCIMDiscovery.maxResults) as \(SCIMDiscovery.maxResults)"
            : "below 1 reads as 1"
        return .invalidValue("\(name) must be an integer from -\(maxInteger) to \(maxInteger) (\(reading)), got \(got)")
    }

    private static func descending(_ text: String?) throws(SCIMError) -> Bool {
        switch text?.lowercased() {
        case nil, "ascending": return false
        case "descending": return true
        case let other?: throw .invalidValue("sortOrder must be ascending or descending, got \"\(other)\"")
        }
    }
}
