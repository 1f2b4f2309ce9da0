import JSON

/// How a body a route names is described: its media types and its schema, as a component of the
/// document (JSON bodies) or inline (text bodies such as HTML pages and event streams).
public struct BodySchema: Sendable {
    public let contentTypes: [String]
    /// The name under `components/schemas`; nil for a schema written inline.
    public let component: String?
    public let schema: JSONValue

    static func json(_ component: String, _ schema: JSONValue, contentTypes: [String] = ["application/json"]) -> BodySchema {
        BodySchema(contentTypes: contentTypes, component: component, schema: schema)
    }

    /// A text body of any of these media types, described inline as a string.
    public static func text(_ contentTypes: String...) -> BodySchema {
        BodySchema(contentTypes: contentTypes, component: nil, schema: JSONSchema.string())
    }

    /// An HTML page (the dashboard's).
    public static let html = text("text/html")

    /// A `text/event-stream` (server-sent events); such a route never ends, so fuzzers must skip it.
    public static let eventStream = text("text/event-stream")

    /// What a media type object's `schema` says: a reference to the component, or the inline schema.
    var reference: JSONValue { component.map(JSONSchema.ref) ?? schema }
}

/// The one table from the body names routes use (`RouteResponse.body`, `Route.requestBody`) to their
/// schemas. A route naming a body missing here fails the document's tests, so a new route's bodies
/// are one line each in the entries of their surface.
public enum BodySchemaRegistry {
    public static let entries: [String: BodySchema] = Dictionary(
        V4Components.entries + SCIMComponents.entries + AdminComponents.entries + AdminUnhappyPathComponents.entries
            + DashboardComponents.entries + TransportResponses.entries, uniquingKeysWith: { first, _ in first })

    public static func schema(named name: String) -> BodySchema? { entries[name] }

    /// The components the document carries: every JSON entry's schema, plus the shared pieces they reference.
    static var components: [(String, JSONValue)] {
        let named = entries.values.compactMap { entry in entry.component.map { ($0, entry.schema) } }
        let unique = Dictionary(named, uniquingKeysWith: { first, _ in first })
        return (unique.map { ($0.key, $0.value) } + V4Components.shared).sorted { $0.0 < $1.0 }
    }
}
